package ai.kind.kmb;

/**
 * One delivery of a message to a subscription. {@code deliveryCount} is 1 the first time and grows
 * with each redelivery; {@code offset} is the message's position in the durable log, or
 * {@link PublishAck#NOT_STORED}.
 */
public record Delivery(String subscriptionId, int deliveryCount, long offset, Envelope message,
                       Acknowledger acknowledger) {

    public void ack() {
        acknowledger.ack(message.id());
    }

    public void nack(boolean requeue) {
        acknowledger.nack(message.id(), requeue);
    }
}
