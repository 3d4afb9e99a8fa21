package ai.kind.kmb.remote;

import ai.kind.kmb.protocol.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends what subscriptions ask for: acks and nacks (no caller waits for them, so their failures go
 * to the connection listeners) and unsubs (closing waits for the answer, within the request time-out).
 */
final class Settler implements RemoteSubscription.Owner {
    private final RemoteBus bus;

    Settler(RemoteBus bus) {
        this.bus = bus;
    }

    /** Not resent after a lost connection: the server redelivers what was not acked anyway. */
    @Override
    public void ack(RemoteSubscription subscription, String messageId) {
        bus.call("ack of " + messageId, req -> new Frame.Ack(req, subscription.id(), messageId), false)
                .whenComplete((answer, error) -> report(error));
    }

    @Override
    public void nack(RemoteSubscription subscription, String messageId, boolean requeue) {
        bus.call("nack of " + messageId, req -> new Frame.Nack(req, subscription.id(), messageId, requeue), false)
                .whenComplete((answer, error) -> report(error));
    }

    /** The subscription closed itself: tell the server, if it still has it. */
    @Override
    public void closed(RemoteSubscription subscription) {
        bus.subscriptions().remove(subscription);
        await(List.of(unsubscribe(subscription)));
    }

    void unsubscribeAll(List<RemoteSubscription> subscriptions) {
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (RemoteSubscription subscription : subscriptions) {
            subscription.stop();
            bus.subscriptions().remove(subscription);
            answers.add(unsubscribe(subscription));
        }
        await(answers);
    }

    /** Only on the connection it was subscribed on: a server that lost the connection has dropped it already. */
    private CompletableFuture<?> unsubscribe(RemoteSubscription subscription) {
        Session session = bus.currentSession();
        if (session == null || session != subscription.subscribedOn()) {
            return CompletableFuture.completedFuture(null);
        }
        long req = bus.nextReq();
        return session.request(new Frame.Unsub(req, subscription.id()), bus.options().requestTimeout())
                .exceptionally(error -> {
                    if (!(Failures.unwrap(error) instanceof Failures.LinkLost)) {
                        report(Failures.asKmb(error, "unsubscribe " + subscription.id(), bus.options().requestTimeout()));
                    }
                    return null;
                });
    }

    private void await(List<CompletableFuture<?>> answers) {
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(bus.options().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Each failure is reported where it happened; closing goes on regardless.
        }
    }

    private void report(Throwable error) {
        if (error != null) {
            bus.reportError(Failures.unwrap(error));
        }
    }
}
