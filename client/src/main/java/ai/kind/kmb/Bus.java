package ai.kind.kmb;

import java.util.concurrent.CompletableFuture;

/**
 * The bus as a caller sees it: publish and subscribe. The embedded broker and the remote client
 * both implement it, so an agent, kmbctl and KMB Studio work the same on either.
 */
public interface Bus extends AutoCloseable {

    /**
     * Publishes a message. The future completes when the bus has taken it: for a durable publish,
     * once it is on disk. It fails with a {@link KmbException} that says what was wrong.
     */
    CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options);

    default CompletableFuture<PublishAck> publish(Envelope message) {
        return publish(message, PublishOptions.DEFAULT);
    }

    /** Subscribes; the handler runs on a thread of the subscription's own, never the caller's. */
    Subscription subscribe(SubscribeOptions options, MessageHandler handler);

    /** Stops every subscription of this connection; durable positions are kept. */
    @Override
    void close();
}
