package ai.kind.kmb.trace;

import ai.kind.kmb.history.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored messages of one trace as a tree of spans, each linked to its parent by
 * {@code parent_id}. A span whose parent is not stored (a root, or a child of something outside the
 * log) is a root; spans keep log order among their siblings.
 */
public record TraceTree(String traceId, List<TraceSpan> spans) {

    /** One message of the trace and where it sits: its span, its parent span and its depth. */
    public record TraceSpan(String spanId, String parentId, int depth, StoredMessage message) {
    }

    public TraceTree {
        spans = List.copyOf(spans);
    }

    /** Builds the tree from the trace's messages in log order; the spans come out depth first. */
    public static TraceTree of(String traceId, List<StoredMessage> messages) {
        Map<String, StoredMessage> bySpan = new LinkedHashMap<>();
        messages.forEach(message -> bySpan.putIfAbsent(spanOf(message), message));
        Map<String, List<StoredMessage>> children = new LinkedHashMap<>();
        List<StoredMessage> roots = new ArrayList<>();
        for (StoredMessage message : messages) {
            String parent = message.envelope().metadata().parentId();
            if (parent != null && bySpan.containsKey(parent) && !parent.equals(spanOf(message))) {
                children.computeIfAbsent(parent, key -> new ArrayList<>()).add(message);
            } else {
                roots.add(message);
            }
        }
        List<TraceSpan> ordered = new ArrayList<>();
        roots.forEach(root -> walk(root, 0, children, ordered));
        return new TraceTree(traceId, ordered);
    }

    private static void walk(StoredMessage message, int depth, Map<String, List<StoredMessage>> children,
                             List<TraceSpan> into) {
        String span = spanOf(message);
        into.add(new TraceSpan(span, message.envelope().metadata().parentId(), depth, message));
        // A span id used by two messages would list its children twice; the first message owns them.
        List<StoredMessage> below = children.remove(span);
        if (below != null) {
            below.forEach(child -> walk(child, depth + 1, children, into));
        }
    }

    /** A message without a span id stands for itself, keyed by its message id. */
    private static String spanOf(StoredMessage message) {
        return Objects.requireNonNullElse(message.envelope().metadata().spanId(), message.envelope().id());
    }

    public List<TraceSpan> roots() {
        return spans.stream().filter(span -> span.depth() == 0).toList();
    }

    public List<TraceSpan> childrenOf(String spanId) {
        return spans.stream().filter(span -> spanId.equals(span.parentId()) && span.depth() > 0).toList();
    }
}
