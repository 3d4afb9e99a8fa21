package ai.kind.kmb.remote;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.protocol.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A subscription on the server, seen from the client: the client-chosen {@code sid} it keeps across
 * reconnections, and one virtual thread that runs the handler on each delivery in arrival order.
 * A handler that throws is logged and the thread goes on; with automatic ack the failure is a
 * {@code nack} with requeue, as the embedded broker counts it.
 */
final class RemoteSubscription implements Subscription {
    private static final System.Logger LOG = System.getLogger(RemoteSubscription.class.getName());

    /** What the subscription asks of its client. */
    interface Owner {
        void ack(RemoteSubscription subscription, String messageId);

        void nack(RemoteSubscription subscription, String messageId, boolean requeue);

        void closed(RemoteSubscription subscription);
    }

    private final String sid;
    private final SubscribeOptions options;
    private final MessageHandler handler;
    private final Owner owner;
    private final Inbox<Delivery> inbox;
    private final Thread worker;
    private final CompletableFuture<Void> confirmed = new CompletableFuture<>();
    private Session subscribedOn;
    private Duration retryDelay;
    private volatile boolean closed;

    RemoteSubscription(String sid, SubscribeOptions options, MessageHandler handler, Owner owner) {
        this.sid = sid;
        this.options = options;
        this.handler = handler;
        this.owner = owner;
        this.inbox = new Inbox<>(options.maxInflight());
        this.worker = Thread.ofVirtual().name("kmb-remote-sub-" + sid).start(this::run);
    }

    /** Completes when the server first answers {@code subok}; fails if it refuses. */
    CompletableFuture<Void> confirmation() {
        return confirmed;
    }

    /** True the first time for each session: a subscription is sent once per connection. */
    synchronized boolean claim(Session session) {
        if (closed || subscribedOn == session) {
            return false;
        }
        subscribedOn = session;
        return true;
    }

    synchronized Session subscribedOn() {
        return subscribedOn;
    }

    /**
     * The {@code sub} frame. Sent again after a reconnect, a durable resumes where the server kept
     * its position; an ephemeral one restarts from now, so it never replays what it already had.
     *
     * <p>A durable always asks the server for manual ack: the server's automatic ack settles a
     * message once it is written to the socket, so whatever sat in this client's queue would be
     * lost with the connection. Acking here after the handler returns keeps at least once.
     */
    Frame.Sub frame(long req) {
        String from = !options.isDurable() && confirmed.isDone() ? "new" : options.from().wireForm();
        String ack = options.isDurable() ? AckMode.MANUAL.wireName() : options.ackMode().wireName();
        return new Frame.Sub(req, sid, options.filter(), options.durableName(), options.group(), ack,
                options.maxInflight(), from, wholeMillis(options.ackWait()), options.maxDeliver(), backoffMillis(),
                options.observer() ? Boolean.TRUE : null);
    }

    /** The backoff in whole milliseconds ({@link #wholeMillis}); null, so absent, when empty. */
    private List<Long> backoffMillis() {
        if (options.backoff().isEmpty()) {
            return null;
        }
        return options.backoff().stream().map(RemoteSubscription::wholeMillis).toList();
    }

    /**
     * A wait in whole milliseconds, rounded up: a wait is a floor, so a part of a millisecond must
     * not shorten it (nor turn a positive wait into a refused 0).
     */
    private static long wholeMillis(Duration wait) {
        return wait.toMillis() + (wait.minusMillis(wait.toMillis()).isZero() ? 0 : 1);
    }

    /** Forgets the session a refused sub went to, so that a retry on the same session is sent. */
    synchronized void unclaim(Session session) {
        if (subscribedOn == session) {
            subscribedOn = null;
        }
    }

    /** The pause before the next attempt to re-establish this subscription; doubles up to {@code max}. */
    synchronized Duration nextRetryDelay(Duration max) {
        retryDelay = retryDelay == null ? Link.INITIAL_BACKOFF
                : retryDelay.multipliedBy(2).compareTo(max) > 0 ? max : retryDelay.multipliedBy(2);
        return retryDelay;
    }

    void confirm() {
        synchronized (this) {
            retryDelay = null;
        }
        confirmed.complete(null);
    }

    boolean isConfirmed() {
        return confirmed.isDone() && !confirmed.isCompletedExceptionally();
    }

    void refuse(Throwable error) {
        confirmed.completeExceptionally(error);
    }

    boolean offer(Delivery delivery, Runnable resume) {
        return closed || inbox.offer(delivery, resume);
    }

    private void run() {
        while (!closed) {
            Delivery delivery;
            try {
                delivery = inbox.take();
            } catch (InterruptedException e) {
                return;
            }
            handle(delivery);
        }
    }

    private void handle(Delivery delivery) {
        boolean auto = options.ackMode() == AckMode.AUTO;
        try {
            handler.onMessage(delivery);
            if (auto) {
                ack(delivery.message().id());
            }
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.WARNING, "subscription " + sid + " (" + options.filter()
                    + "): handler failed on message " + delivery.message().id(), e);
            if (auto) {
                nack(delivery.message().id(), true);
            }
        }
    }

    @Override
    public String id() {
        return sid;
    }

    @Override
    public SubscribeOptions options() {
        return options;
    }

    /** Nothing is dropped here: a full queue slows the socket down instead (see {@link Inbox}). */
    @Override
    public long dropped() {
        return 0;
    }

    /** Ephemeral deliveries are settled when handed over, as in the embedded broker; only durables ack. */
    @Override
    public void ack(String messageId) {
        if (options.isDurable() && !closed) {
            owner.ack(this, messageId);
        }
    }

    @Override
    public void nack(String messageId, boolean requeue) {
        if (options.isDurable() && !closed) {
            owner.nack(this, messageId, requeue);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // From inside its own handler the loop simply ends after the handler returns.
        if (Thread.currentThread() != worker) {
            worker.interrupt();
        }
        inbox.clear();
        owner.closed(this);
    }

    /** Stops the thread without telling the server: for a client that is closing the connection anyway. */
    void stop() {
        closed = true;
        worker.interrupt();
        inbox.clear();
    }

    /** Waits for a handler still running to return, unless called from that handler itself. */
    void awaitStopped(Duration patience) throws InterruptedException {
        if (Thread.currentThread() != worker) {
            worker.join(patience);
        }
    }

    boolean isClosed() {
        return closed;
    }
}
