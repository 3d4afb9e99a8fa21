package ai.kind.kmb.remote;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.tx.TransactionOptions;
import ai.kind.kmb.tx.TransactionalBus;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The bus on a KMB server, over the WebSocket protocol at {@code /v1/ws}. It reconnects on its own
 * and subscribes everything again with the same sids; durable subscriptions resume where the server
 * kept their position, ephemeral ones restart from now. A call made while disconnected waits for the
 * connection until its {@link RemoteBusOptions#requestTimeout()} and then fails with
 * {@link ErrorCode#UNAVAILABLE}. Safe to use from any thread.
 */
public final class RemoteBus implements Bus, TransactionalBus {
    private static final System.Logger LOG = System.getLogger(RemoteBus.class.getName());

    private final RemoteBusOptions options;
    private final HttpClient http;
    private final AtomicLong reqs = new AtomicLong();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Subscriptions subscriptions;
    private final RequestTimeouts timeouts = new RequestTimeouts();
    private final Link link;
    private final Calls calls;
    private final Settler settler;
    private final RemoteTransactions transactions = new RemoteTransactions(this);
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteBus(RemoteBusOptions options) {
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.sslContext() != null) {
            builder.sslContext(options.sslContext());
        }
        this.http = builder.build();
        this.subscriptions = new Subscriptions(reqs::incrementAndGet, options.requestTimeout(),
                options.reconnectMaxBackoff(), this::currentSession, this::reportError);
        this.settler = new Settler(this);
        this.link = new Link(options, http, subscriptions, new LinkEvents(), reqs::incrementAndGet, timeouts);
        this.calls = new Calls(options, link, reqs::incrementAndGet, closed::get);
    }

    /**
     * Connects, and fails at once if the first attempt fails (a wrong URL or token should not turn
     * into endless retries); after that, connections lost are re-established on their own.
     */
    public static RemoteBus connect(RemoteBusOptions options) {
        RemoteBus bus = new RemoteBus(options);
        try {
            bus.link.start().get(options.connectTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            return bus;
        } catch (ExecutionException | TimeoutException e) {
            bus.close();
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof KmbException kmb && kmb.code() != ErrorCode.UNAVAILABLE) {
                throw kmb;
            }
            throw new KmbException(ErrorCode.UNAVAILABLE, "cannot connect to " + options.webSocketUri() + ": "
                    + (cause instanceof TimeoutException ? "timed out" : Failures.describe(cause)), List.of(), cause);
        } catch (InterruptedException e) {
            bus.close();
            Thread.currentThread().interrupt();
            throw new KmbException(ErrorCode.UNAVAILABLE, "interrupted while connecting to " + options.webSocketUri());
        }
    }

    /**
     * Starts connecting in the background and returns at once, even when the server is not there
     * yet: for clients that carry on without it, such as one with an outbox. Calls wait for the
     * connection as they do after a loss.
     */
    public static RemoteBus start(RemoteBusOptions options) {
        RemoteBus bus = new RemoteBus(options);
        // The first attempt's outcome is not awaited; a failure only means trying again.
        bus.link.start().exceptionally(error -> null);
        return bus;
    }

    public RemoteBusOptions options() {
        return options;
    }

    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void removeConnectionListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /** True while a connection is up; calls made now go out at once. */
    public boolean isConnected() {
        CompletableFuture<Session> ready = link.ready();
        return ready.isDone() && !ready.isCompletedExceptionally() && !ready.join().isClosed();
    }

    /**
     * Publishes. A message without an id gets one here, so that a resend after a lost connection
     * is recognised by the server's dedup window instead of being stored twice.
     */
    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions publishOptions) {
        Envelope identified = message.id() == null ? message.withId(UUID.randomUUID().toString()) : message;
        AtomicInteger sends = new AtomicInteger();
        String what = "publish to '" + message.topic() + "'";
        return call(what, req -> {
            sends.incrementAndGet();
            return new Frame.Pub(req, identified, publishOptions.durable());
        }, true).thenApply(answer -> {
            if (!(answer instanceof Frame.PubAck ack)) {
                throw Failures.unexpected(what, answer);
            }
            // A duplicate after our own resend means the first send got through: not the caller's duplicate.
            return new PublishAck(ack.id(), ack.offset(), ack.duplicate() && sends.get() == 1);
        });
    }

    @Override
    public CompletableFuture<String> beginTransaction(TransactionOptions transactionOptions) {
        return transactions.begin(transactionOptions);
    }

    @Override
    public CompletableFuture<PublishAck> publishInTransaction(String transactionId, Envelope message) {
        return transactions.publish(transactionId, message);
    }

    @Override
    public CompletableFuture<List<PublishAck>> commitTransaction(String transactionId) {
        return transactions.commit(transactionId);
    }

    @Override
    public CompletableFuture<Void> abortTransaction(String transactionId) {
        return transactions.abort(transactionId);
    }

    /** Sends {@code ping}; completes with the round trip once {@code pong} is back. */
    public CompletableFuture<Duration> ping() {
        long start = System.nanoTime();
        return call("ping", Frame.Ping::new, false).thenApply(answer -> {
            if (!(answer instanceof Frame.Pong)) {
                throw Failures.unexpected("ping", answer);
            }
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }

    @Override
    public Subscription subscribe(SubscribeOptions subscribeOptions, MessageHandler handler) {
        if (closed.get()) {
            throw Failures.closed();
        }
        // Counted before registering: a subscription that is registered gets subscribed as soon as
        // a connection comes up, so it must not be refused afterwards.
        boolean waits = currentSession() == null;
        if (waits && !calls.startWaiting()) {
            throw Failures.tooManyWaiting("subscribe", options.maxPendingWhileDisconnected());
        }
        // Registered before looking at the connection again: one that comes up in between subscribes
        // it in Link.Events.connected, and one already up is used here.
        RemoteSubscription subscription = subscriptions.open(subscribeOptions, handler, settler);
        Session session = currentSession();
        if (session != null) {
            subscriptions.subscribe(session, subscription);
        }
        String what = "subscribe to '" + subscribeOptions.filter() + "'";
        try {
            subscription.confirmation().get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return subscription;
        } catch (ExecutionException e) {
            throw Failures.asKmb(e, what, options.requestTimeout());
        } catch (TimeoutException e) {
            boolean sent = subscription.subscribedOn() != null;
            subscription.close();
            throw sent ? Failures.noAnswer(what, options.requestTimeout())
                    : Failures.noConnection(what, options.requestTimeout(), link.lastError());
        } catch (InterruptedException e) {
            subscription.close();
            Thread.currentThread().interrupt();
            throw new KmbException(ErrorCode.UNAVAILABLE, what + " was interrupted");
        } finally {
            if (waits) {
                calls.stopWaiting();
            }
        }
    }

    CompletableFuture<Frame.ServerFrame> call(String what, LongFunction<Frame.ClientFrame> frame, boolean resend) {
        return calls.call(what, frame, resend);
    }

    /** The current session if connected, for messages that are pointless once the connection is gone. */
    Session currentSession() {
        CompletableFuture<Session> ready = link.ready();
        return ready.isDone() && !ready.isCompletedExceptionally() ? ready.join() : null;
    }

    long nextReq() {
        return reqs.incrementAndGet();
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    boolean isClosed() {
        return closed.get();
    }

    void reportError(Throwable error) {
        if (listeners.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "KMB client: " + Failures.describe(error), error);
        }
        listeners.forEach(listener -> tell(() -> listener.onError(error)));
    }

    private static void tell(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "KMB client: a connection listener failed", e);
        }
    }

    /** Unsubscribes everything, closes the socket with 1000 and stops every thread; later calls fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        settler.unsubscribeAll(subscriptions.all());
        link.close();
        timeouts.close();
        http.shutdownNow();
        try {
            http.awaitTermination(options.connectTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connection events, told to the listeners; resubscription happens before anyone may use a session. */
    private final class LinkEvents implements Link.Events {
        @Override
        public void prepare(Session session) throws Exception {
            // Each sub has its own request time-out; the wait here is only a backstop.
            subscriptions.resubscribe(session).get(options.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        }

        @Override
        public void connected() {
            // Subscriptions opened while the link was being prepared may have missed the resubscription.
            Session session = currentSession();
            if (session != null) {
                subscriptions.resubscribe(session);
            }
            listeners.forEach(listener -> tell(listener::onConnect));
        }

        @Override
        public void disconnected(Throwable cause) {
            LOG.log(System.Logger.Level.INFO, "KMB client: " + Failures.describe(cause) + "; reconnecting");
            listeners.forEach(listener -> tell(() -> listener.onDisconnect(cause)));
        }
    }
}
