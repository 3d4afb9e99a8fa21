package ai.kind.kmb.trace;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.Metadata;
import java.util.Optional;

/**
 * Gives every outgoing message its place in a trace. A message that names its trace and span keeps
 * them; one with a trace id but no span gets a new span; one with neither continues, in order of
 * preference, its {@code metadata.headers.traceparent}, the handler's {@link TraceContext#current()},
 * or starts a new trace.
 */
public final class Tracing {
    private Tracing() {
    }

    public static Envelope stamp(Envelope message) {
        return stamp(message, TraceContext.current());
    }

    /**
     * The same with {@code parent} in place of the handler's context: the trace a request arrived in
     * at an edge, such as a REST call's {@code traceparent} header.
     */
    public static Envelope stamp(Envelope message, Optional<TraceContext> parent) {
        Metadata metadata = message.metadata();
        if (metadata.traceId() != null) {
            return metadata.spanId() != null ? message
                    : message.withMetadata(metadata.withTrace(metadata.traceId(), TraceContext.newSpanId(),
                            metadata.parentId()));
        }
        return message.withMetadata(Traceparent.parse(metadata.headers().get(Traceparent.HEADER)).or(() -> parent)
                .map(context -> metadata.withTrace(context.traceId(), TraceContext.newSpanId(), context.spanId()))
                .orElseGet(() -> metadata.withTrace(TraceContext.newTraceId(), TraceContext.newSpanId(), null)));
    }

    /**
     * Runs {@code handler} inside the trace of each message it handles, so that what it publishes,
     * on the dispatcher's thread, continues that trace.
     */
    public static MessageHandler scoped(MessageHandler handler) {
        return delivery -> {
            Optional<TraceContext> context = TraceContext.of(delivery.message());
            if (context.isEmpty()) {
                handler.onMessage(delivery);
                return;
            }
            context.get().call(() -> {
                handler.onMessage(delivery);
                return null;
            });
        };
    }

    /** The trace fields of a reply to {@code request}: its trace, a new span whose parent is the request's. */
    public static Metadata childOf(Envelope request, Metadata metadata) {
        Metadata asked = request.metadata();
        if (asked.traceId() == null) {
            return metadata;
        }
        return metadata.withTrace(asked.traceId(), TraceContext.newSpanId(), asked.spanId());
    }
}
