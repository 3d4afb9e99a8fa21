package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.delivery.DeadLetterNow;
import ai.kind.kmb.dlq.DeathReason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery interceptors, run by wrapping each subscriber's handler: the wrapper runs where the
 * handler runs, on the subscription's own thread. An interceptor that throws dead-letters a
 * durable delivery at once with {@code handler_error} (no redelivery: the interceptor would throw
 * again); an ephemeral delivery is skipped, counted in {@link #failures()} and logged.
 */
public final class DeliveryHooks {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHooks.class);

    private final List<DeliveryInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();

    public void add(DeliveryInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    public boolean remove(DeliveryInterceptor interceptor) {
        return interceptors.remove(interceptor);
    }

    /** Ephemeral deliveries skipped because an interceptor threw. */
    public long failures() {
        return failures.sum();
    }

    /** The handler with the interceptors in front; the handler itself while there are none. */
    public MessageHandler wrap(SubscribeOptions options, MessageHandler handler) {
        return delivery -> {
            if (interceptors.isEmpty()) {
                handler.onMessage(delivery);
                return;
            }
            Delivery intercepted = intercept(options, delivery);
            if (intercepted != null) {
                handler.onMessage(intercepted);
            } else if (options.isDurable()) {
                delivery.ack();
            }
        };
    }

    /** The delivery the handler gets, or null when it gets none. */
    private Delivery intercept(SubscribeOptions options, Delivery delivery) {
        DeliveryContext context = new DeliveryContext(delivery.subscriptionId(), options.filter(),
                options.durableName(), options.group(), delivery.deliveryCount(), delivery.offset());
        Envelope message = delivery.message();
        for (DeliveryInterceptor interceptor : interceptors) {
            try {
                message = interceptor.onDelivery(context, message);
            } catch (RuntimeException failure) {
                String error = "delivery interceptor '" + interceptor.name() + "' failed: " + failure;
                if (options.isDurable()) {
                    throw new DeadLetterNow(DeathReason.HANDLER_ERROR, error, failure);
                }
                failures.increment();
                LOG.warn("subscription {} ({}): {}; the ephemeral delivery of {} is skipped",
                        delivery.subscriptionId(), options.filter(), error, delivery.message().id(), failure);
                return null;
            }
            if (message == null) {
                return null;
            }
        }
        if (message == delivery.message()) {
            return delivery;
        }
        // Acks settle by id: the id the bus delivered stays, whatever an interceptor did to it.
        return new Delivery(delivery.subscriptionId(), delivery.deliveryCount(), delivery.offset(),
                message.withId(delivery.message().id()), delivery.acknowledger());
    }
}
