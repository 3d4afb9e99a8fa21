package ai.kind.kmb.broker.pipeline;

/**
 * The subscription a delivery is for, as a {@link DeliveryInterceptor} sees it.
 *
 * @param durable the durable name, or null for an ephemeral subscription
 * @param group   the queue group, or null
 */
public record DeliveryContext(String subscriptionId, String filter, String durable, String group, int deliveryCount,
                              long offset) {

    public boolean isDurable() {
        return durable != null;
    }
}
