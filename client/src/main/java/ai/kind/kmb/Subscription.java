package ai.kind.kmb;

import java.time.Duration;

/** A live subscription. Closing it stops deliveries; a durable subscription's position is kept. */
public interface Subscription extends Acknowledger, AutoCloseable {
    String id();

    SubscribeOptions options();

    /** Messages this subscription lost because it could not keep up (ephemeral subscriptions only). */
    long dropped();

    @Override
    void close();

    /**
     * Stops new deliveries, lets the handler finish the messages already delivered to this
     * subscription (waiting at most {@code timeout}), then closes. As NATS's drain: use it when
     * what arrived before the stop must still be handled, as a recording must write it.
     */
    default void drain(Duration timeout) {
        close();
    }
}
