package ai.kind.kmb;

import java.util.Set;

/** A subscription opened through a {@link KmbClient}, which forgets it once it is closed. */
final class TrackedSubscription implements Subscription {
    private final Subscription subscription;
    private final Set<Subscription> open;

    TrackedSubscription(Subscription subscription, Set<Subscription> open) {
        this.subscription = subscription;
        this.open = open;
        open.add(subscription);
    }

    @Override
    public String id() {
        return subscription.id();
    }

    @Override
    public SubscribeOptions options() {
        return subscription.options();
    }

    @Override
    public long dropped() {
        return subscription.dropped();
    }

    @Override
    public void ack(String messageId) {
        subscription.ack(messageId);
    }

    @Override
    public void nack(String messageId, boolean requeue) {
        subscription.nack(messageId, requeue);
    }

    @Override
    public void close() {
        open.remove(subscription);
        subscription.close();
    }
}
