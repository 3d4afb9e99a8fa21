package ai.kind.kmb;

/** What a {@link Hook} is told. Each hook has its own event type; see {@link Hook} for when each fires. */
public sealed interface HookEvent {

    /** A message about to go to the bus, after the outbound transformers. */
    record BeforePublish(Envelope message, PublishOptions options) implements HookEvent {
    }

    /** The bus answered a publish: exactly one of {@code ack} and {@code error} is set. */
    record AfterPublish(Envelope message, PublishAck ack, Throwable error) implements HookEvent {
    }

    /** A delivery about to reach the middleware and the handler, after the inbound transformers. */
    record OnMessage(Delivery delivery) implements HookEvent {
    }

    /** Something failed; {@code source} says where, {@code message} is the message concerned if any. */
    record OnError(Source source, Throwable error, Envelope message) implements HookEvent {
    }

    /** Connected again after a loss, with every subscription re-established (remote buses only). */
    record OnConnect() implements HookEvent {
    }

    /** The connection to the server is gone; the client is reconnecting (remote buses only). */
    record OnDisconnect(Throwable cause) implements HookEvent {
    }

    /** Where an error came from. */
    enum Source {
        /** The bus refused or could not take a publish. */
        PUBLISH,
        /** A subscription's handler threw; the delivery counts as failed. */
        HANDLER,
        /** A middleware threw; the delivery counts as failed. */
        MIDDLEWARE,
        /** An outbound transformer threw or returned null; the message was not published. */
        OUTBOUND_TRANSFORMER,
        /** An inbound transformer threw or returned null; the delivery counts as failed. */
        INBOUND_TRANSFORMER,
        /** A hook listener threw; the operation it watched went on. */
        HOOK,
        /** The connection reported a failure no caller was waiting for (remote buses only). */
        CONNECTION
    }
}
