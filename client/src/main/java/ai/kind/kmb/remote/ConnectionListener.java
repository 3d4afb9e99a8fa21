package ai.kind.kmb.remote;

/**
 * What happens to a {@link RemoteBus}'s connection. Callbacks run on the client's own threads and
 * must return quickly; whatever they throw is logged and ignored.
 */
public interface ConnectionListener {

    /** Connected (again), {@code hello} answered and every open subscription subscribed again. */
    default void onConnect() {
    }

    /** The connection is gone; the client is reconnecting unless it was closed. */
    default void onDisconnect(Throwable cause) {
    }

    /**
     * A failure no caller is waiting for: an ack the server refused, an error frame that answers no
     * request, a subscription the server refused when it was re-established after a reconnect.
     */
    default void onError(Throwable error) {
    }
}
