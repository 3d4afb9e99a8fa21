package ai.kind.kmb.trace;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace a handler is working in: the trace id and span of the message it is handling. While a
 * {@link ai.kind.kmb.KmbClient} handler runs, {@link #current()} holds it, and every message the
 * handler publishes becomes a child span of it with no code from the user.
 *
 * <p>Ids follow W3C Trace Context: a trace id is 32 lower-case hex digits, a span id 16, so every
 * trace KMB starts maps onto {@code traceparent} as it is.
 */
public record TraceContext(String traceId, String spanId) {
    private static final ScopedValue<TraceContext> CURRENT = ScopedValue.newInstance();

    /** The context of the handler running on this thread, if any. */
    public static Optional<TraceContext> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /** The context a message carries, if it has a trace id. */
    public static Optional<TraceContext> of(Envelope message) {
        Metadata metadata = message.metadata();
        return metadata.traceId() == null ? Optional.empty()
                : Optional.of(new TraceContext(metadata.traceId(), metadata.spanId()));
    }

    /** Runs {@code work} with this as the current context; messages it publishes become children. */
    public <R> R call(ScopedValue.CallableOp<R, Exception> work) throws Exception {
        return ScopedValue.where(CURRENT, this).call(work);
    }

    /** A new random trace id: 32 hex digits, never all zero. */
    public static String newTraceId() {
        return hex(ThreadLocalRandom.current().nextLong(), 16) + hex(ThreadLocalRandom.current().nextLong() | 1, 16);
    }

    /** A new random span id: 16 hex digits, never all zero. */
    public static String newSpanId() {
        return hex(ThreadLocalRandom.current().nextLong() | 1, 16);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return "0".repeat(digits - text.length()) + text;
    }
}
