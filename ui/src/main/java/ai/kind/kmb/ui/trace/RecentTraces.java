package ai.kind.kmb.ui.trace;

import ai.kind.kmb.history.StoredMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traces seen lately, from the live feed and the tail of the history: a bounded map from trace
 * id to its messages, least recently seen evicted first. Live messages matter because ephemeral
 * traffic never reaches the history; the bounds keep memory fixed however many traces go by.
 * Used on one thread (the FX thread, or a test's).
 */
final class RecentTraces {
    private final int maxTraces;
    private final int maxMessagesPerTrace;
    // Access order: get and put move a trace to the end, so the eldest is the least recently seen.
    private final LinkedHashMap<String, LinkedHashMap<String, StoredMessage>> traces = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<String, StoredMessage>> eldest) {
            return size() > maxTraces;
        }
    };

    RecentTraces(int maxTraces, int maxMessagesPerTrace) {
        this.maxTraces = maxTraces;
        this.maxMessagesPerTrace = maxMessagesPerTrace;
    }

    /** Adds messages that carry a trace id; others are ignored. */
    void add(Iterable<StoredMessage> messages) {
        for (StoredMessage message : messages) {
            String traceId = message.envelope().metadata().traceId();
            if (traceId == null || traceId.isBlank()) {
                continue;
            }
            // Keyed by message id: the history and the live feed both hold recent messages.
            LinkedHashMap<String, StoredMessage> byId = traces.computeIfAbsent(traceId, id -> new LinkedHashMap<>());
            String key = message.envelope().id() != null ? message.envelope().id() : "offset:" + message.offset();
            if (!byId.containsKey(key) && byId.size() >= maxMessagesPerTrace) {
                // A runaway trace keeps its newest messages; the full trace is still in the history.
                byId.remove(byId.keySet().iterator().next());
            }
            byId.putIfAbsent(key, message);
        }
    }

    List<StoredMessage> messages(String traceId) {
        LinkedHashMap<String, StoredMessage> byId = traces.get(traceId);
        return byId == null ? List.of() : List.copyOf(byId.values());
    }

    /** The traces, most recently seen first. */
    List<TraceSummary> summaries() {
        List<TraceSummary> result = new ArrayList<>();
        // Iterating an access-ordered map does not reorder it; only get and put do.
        for (Map.Entry<String, LinkedHashMap<String, StoredMessage>> entry : traces.entrySet()) {
            var list = entry.getValue().values();
            StoredMessage first = list.stream().min(Comparator.comparing(TraceBuilder::time)).orElseThrow();
            StoredMessage last = list.stream().max(Comparator.comparing(TraceBuilder::time)).orElseThrow();
            boolean roundTrip = list.stream().anyMatch(m -> TraceBuilder.isRequest(m.envelope()));
            result.add(new TraceSummary(entry.getKey(), first.envelope().topic(), list.size(), TraceBuilder.time(last),
                    roundTrip));
        }
        result.sort(Comparator.comparing(TraceSummary::lastSeen).reversed());
        return result;
    }

    /** The most recently seen trace that holds a command or query, else the most recent one: the one worth opening. */
    Optional<String> newestWithRoundTrip() {
        List<TraceSummary> newestFirst = summaries();
        return newestFirst.stream().filter(TraceSummary::roundTrip).map(TraceSummary::traceId)
                .findFirst()
                .or(() -> newestFirst.stream().findFirst().map(TraceSummary::traceId));
    }

    int size() {
        return traces.size();
    }
}
