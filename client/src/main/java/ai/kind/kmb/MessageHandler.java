package ai.kind.kmb;

/**
 * Receives deliveries of one subscription, one at a time in order. With automatic ack, returning
 * acknowledges and throwing counts as a failed delivery (redelivered on a durable subscription).
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Delivery delivery) throws Exception;
}
