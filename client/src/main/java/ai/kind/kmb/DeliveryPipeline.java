package ai.kind.kmb;

import ai.kind.kmb.HookEvent.Source;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@link KmbClient} does to each delivery before its handler: inbound transformers in order,
 * the {@code on_message} hook, then the middleware chain around the handler. A failure anywhere is
 * reported to {@code on_error} with where it happened and then thrown on, so the bus counts the
 * delivery as failed (and redelivers it, on a durable subscription with automatic ack).
 */
final class DeliveryPipeline {
    private final List<Function<Envelope, Envelope>> inbound;
    private final List<Middleware> middleware;
    private final Hooks hooks;

    DeliveryPipeline(List<Function<Envelope, Envelope>> inbound, List<Middleware> middleware, Hooks hooks) {
        this.inbound = inbound;
        this.middleware = middleware;
        this.hooks = hooks;
    }

    MessageHandler around(MessageHandler handler) {
        return delivery -> handle(delivery, handler);
    }

    private void handle(Delivery received, MessageHandler handler) throws Exception {
        Delivery delivery;
        try {
            delivery = transform(received);
        } catch (RuntimeException e) {
            hooks.error(Source.INBOUND_TRANSFORMER, e, received.message());
            throw e;
        }
        hooks.fire(Hook.ON_MESSAGE, new HookEvent.OnMessage(delivery));
        Exception[] handlerFailure = new Exception[1];
        MessageHandler next = inner -> {
            try {
                handler.onMessage(inner);
            } catch (Exception e) {
                handlerFailure[0] = e;
                throw e;
            }
        };
        // Built from a snapshot per delivery, so middleware added meanwhile applies from the next one.
        List<Middleware> chain = List.copyOf(middleware);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Middleware layer = chain.get(i);
            MessageHandler rest = next;
            next = inner -> layer.handle(inner, rest);
        }
        try {
            next.onMessage(delivery);
        } catch (Exception e) {
            hooks.error(e == handlerFailure[0] ? Source.HANDLER : Source.MIDDLEWARE, e, delivery.message());
            throw e;
        }
    }

    private Delivery transform(Delivery delivery) {
        if (inbound.isEmpty()) {
            return delivery;
        }
        Envelope message = Transformers.apply(inbound, delivery.message(), "inbound");
        return new Delivery(delivery.subscriptionId(), delivery.deliveryCount(), delivery.offset(), message,
                settlesOriginal(delivery, message));
    }

    /**
     * The bus knows the message by the id it delivered; a transformer that changed the id must not
     * make {@link Delivery#ack()} settle a message the bus never sent.
     */
    private static Acknowledger settlesOriginal(Delivery original, Envelope transformed) {
        String originalId = original.message().id();
        Acknowledger bus = original.acknowledger();
        return new Acknowledger() {
            @Override
            public void ack(String messageId) {
                bus.ack(java.util.Objects.equals(messageId, transformed.id()) ? originalId : messageId);
            }

            @Override
            public void nack(String messageId, boolean requeue) {
                bus.nack(java.util.Objects.equals(messageId, transformed.id()) ? originalId : messageId, requeue);
            }
        };
    }
}
