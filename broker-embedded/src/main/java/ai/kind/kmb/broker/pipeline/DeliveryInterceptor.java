package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;

/**
 * Sees each delivery just before a subscriber's handler does, on the subscription's own thread
 * (never the publisher's), so a slow interceptor slows that subscriber alone. Returns the message
 * to deliver, changed or not, or null to skip the delivery (it then counts as handled: a durable
 * one is acknowledged). A throw dead-letters a durable delivery at once with reason
 * {@code handler_error}; an ephemeral one is skipped, counted and logged.
 */
@FunctionalInterface
public interface DeliveryInterceptor {

    Envelope onDelivery(DeliveryContext context, Envelope message);

    /** Names the interceptor in logs and dead-letter records. */
    default String name() {
        return getClass().getSimpleName();
    }
}
