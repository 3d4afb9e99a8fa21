package ai.kind.kmb.trace;

import ai.kind.kmb.Envelope;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * W3C Trace Context's {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}), the form a
 * trace takes at KMB's edges: the REST API's header and {@code metadata.headers.traceparent}. The
 * header's parent id is the span of whoever sent it, so a message continuing it takes it as its
 * {@code parent_id}; the header KMB produces names the message's own {@code span_id}.
 */
public final class Traceparent {
    public static final String HEADER = "traceparent";
    private static final Pattern FORM = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private Traceparent() {
    }

    /**
     * The sender's context from a header value; empty when absent or malformed (the specification
     * says to start a new trace then, not to refuse the request), or when either id is all zeros.
     */
    public static Optional<TraceContext> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var match = FORM.matcher(header.strip().toLowerCase(java.util.Locale.ROOT));
        if (!match.matches() || match.group(1).equals("ff") || match.group(2).equals(ZERO_TRACE)
                || match.group(3).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(match.group(2), match.group(3)));
    }

    /** The header naming this message's span, when its ids have the W3C form (KMB's own always do). */
    public static Optional<String> of(Envelope message) {
        String traceId = message.metadata().traceId();
        String spanId = message.metadata().spanId();
        if (traceId == null || spanId == null || !FORM.matcher("00-" + traceId + "-" + spanId + "-01").matches()) {
            return Optional.empty();
        }
        return Optional.of("00-" + traceId + "-" + spanId + "-01");
    }
}
