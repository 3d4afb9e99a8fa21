package ai.kind.kmb;

/** Settles deliveries of a subscription by message id. */
public interface Acknowledger {
    /** The message is handled; it will not be delivered again. */
    void ack(String messageId);

    /**
     * The message was not handled. With {@code requeue} it is redelivered after the backoff;
     * without, it is dead-lettered at once with reason {@code rejected}.
     */
    void nack(String messageId, boolean requeue);
}
