package ai.kind.kmb.remote;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.protocol.Frame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The open subscriptions of one client, by {@code sid}: it routes {@code msg} frames to them and
 * sends them to the server again on every new connection.
 */
final class Subscriptions implements Session.Inbound {
    private final Map<String, RemoteSubscription> open = new ConcurrentHashMap<>();
    private final AtomicLong sids = new AtomicLong();
    private final LongSupplier reqs;
    private final Duration timeout;
    private final Duration maxRetryDelay;
    private final Supplier<Session> current;
    private final Consumer<Throwable> errors;

    Subscriptions(LongSupplier reqs, Duration timeout, Duration maxRetryDelay, Supplier<Session> current,
                  Consumer<Throwable> errors) {
        this.reqs = reqs;
        this.timeout = timeout;
        this.maxRetryDelay = maxRetryDelay;
        this.current = current;
        this.errors = errors;
    }

    RemoteSubscription open(SubscribeOptions options, MessageHandler handler, RemoteSubscription.Owner owner) {
        RemoteSubscription subscription = new RemoteSubscription("c" + sids.incrementAndGet(), options, handler,
                owner);
        open.put(subscription.id(), subscription);
        return subscription;
    }

    /**
     * Sends the subscription on this connection unless it went there already. {@code subok} confirms
     * it. A refusal the first time closes it and is the caller's exception; after a reconnect it is
     * reported and retried. A lost connection changes nothing: the next one sends it again.
     */
    CompletableFuture<Void> subscribe(Session session, RemoteSubscription subscription) {
        if (!subscription.claim(session)) {
            return CompletableFuture.completedFuture(null);
        }
        return session.request(subscription.frame(reqs.getAsLong()), timeout).handle((answer, error) -> {
            if (error == null) {
                subscription.confirm();
                return null;
            }
            Throwable cause = Failures.unwrap(error);
            if (cause instanceof Failures.LinkLost) {
                return null;
            }
            KmbException failure = Failures.asKmb(cause, "subscribe to '" + subscription.options().filter() + "'",
                    timeout);
            if (subscription.isConfirmed()) {
                retryLater(session, subscription, failure);
            } else {
                subscription.refuse(failure);
                remove(subscription);
                subscription.stop();
            }
            return null;
        });
    }

    /**
     * A subscription the server refused after a reconnect stays the caller's intent: it is reported
     * and tried again. The usual cause passes on its own: a durable is still attached to the
     * connection the server has not yet noticed is gone.
     */
    private void retryLater(Session session, RemoteSubscription subscription, KmbException failure) {
        subscription.unclaim(session);
        Duration delay = subscription.nextRetryDelay(maxRetryDelay);
        errors.accept(new KmbException(failure.code(), "subscription " + subscription.id() + " to '"
                + subscription.options().filter() + "' could not be re-established after a reconnect: "
                + failure.getMessage() + "; trying again in " + delay.toMillis() + " ms", failure.details(), failure));
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            Session now = current.get();
            // A new connection resubscribes everything anyway; only the same one needs the retry.
            if (now == session && !subscription.isClosed()) {
                subscribe(now, subscription);
            }
        });
    }

    /** Every open subscription on a new connection; completes once each is answered. */
    CompletableFuture<Void> resubscribe(Session session) {
        return CompletableFuture.allOf(open.values().stream()
                .map(subscription -> subscribe(session, subscription))
                .toArray(CompletableFuture[]::new));
    }

    void remove(RemoteSubscription subscription) {
        open.remove(subscription.id(), subscription);
    }

    List<RemoteSubscription> all() {
        return List.copyOf(open.values());
    }

    @Override
    public boolean deliver(Frame.Msg msg, Runnable resume) {
        RemoteSubscription subscription = open.get(msg.sid());
        // Deliveries still on the wire after an unsub find nobody and are dropped.
        if (subscription == null) {
            return true;
        }
        return subscription.offer(new Delivery(msg.sid(), msg.delivery(), msg.offset(), msg.msg(), subscription),
                resume);
    }

    @Override
    public void stray(KmbException error) {
        errors.accept(error);
    }
}
