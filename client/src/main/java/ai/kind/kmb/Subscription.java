package ai.kind.kmb;

/** A live subscription. Closing it stops deliveries; a durable subscription's position is kept. */
public interface Subscription extends Acknowledger, AutoCloseable {
    String id();

    SubscribeOptions options();

    /** Messages this subscription lost because it could not keep up (ephemeral subscriptions only). */
    long dropped();

    @Override
    void close();
}
