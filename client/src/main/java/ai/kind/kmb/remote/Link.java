package ai.kind.kmb.remote;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.protocol.Frame;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Keeps one session open: connects, says hello, lets the client bring the new session up to date,
 * watches it with heartbeats, and when it goes away connects again after an exponential backoff with
 * jitter. One virtual thread does all of it, so there is never more than one attempt at a time.
 */
final class Link implements AutoCloseable {
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

    /** What the client does as the connection comes and goes. */
    interface Events {
        /** A new session said hello; subscribe everything on it before anyone else may use it. */
        void prepare(Session session) throws Exception;

        void connected();

        void disconnected(Throwable cause);
    }

    private final RemoteBusOptions options;
    private final HttpClient http;
    private final Session.Inbound inbound;
    private final Events events;
    private final LongSupplier reqs;
    private final RequestTimeouts timeouts;
    private final Object lock = new Object();
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    private final Thread thread;
    private CompletableFuture<Session> ready = new CompletableFuture<>();
    private volatile Throwable lastError;
    private volatile boolean closed;

    Link(RemoteBusOptions options, HttpClient http, Session.Inbound inbound, Events events, LongSupplier reqs,
         RequestTimeouts timeouts) {
        this.options = options;
        this.timeouts = timeouts;
        this.http = http;
        this.inbound = inbound;
        this.events = events;
        this.reqs = reqs;
        this.thread = Thread.ofVirtual().name("kmb-remote-link").unstarted(this::run);
    }

    /** Starts connecting; completes after the first attempt, failing with its error if it failed. */
    CompletableFuture<Void> start() {
        thread.start();
        return firstAttempt;
    }

    /** The session to use: complete while connected, pending while reconnecting, failed once closed. */
    CompletableFuture<Session> ready() {
        synchronized (lock) {
            return ready;
        }
    }

    /** Like {@link #ready()}, but never {@code dead}: a caller that saw it fail waits for the next one. */
    CompletableFuture<Session> readyAfter(Session dead) {
        synchronized (lock) {
            if (dead != null && ready.isDone() && !ready.isCompletedExceptionally() && ready.join() == dead) {
                ready = new CompletableFuture<>();
            }
            return ready;
        }
    }

    Throwable lastError() {
        return lastError;
    }

    private void run() {
        Duration backoff = INITIAL_BACKOFF;
        while (!closed) {
            Session session;
            try {
                session = connect();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                lastError = Failures.unwrap(e);
                firstAttempt.completeExceptionally(lastError);
                if (!pause(backoff)) {
                    return;
                }
                backoff = longer(backoff);
                continue;
            }
            lastError = null;
            if (!publish(session)) {
                return;
            }
            // Told before connect() returns, so a listener added afterwards only hears of reconnections.
            events.connected();
            firstAttempt.complete(null);
            long since = System.nanoTime();
            watch(session);
            readyAfter(session);
            if (closed) {
                return;
            }
            events.disconnected(new Failures.LinkLost(session.closeReason()));
            // A server that accepts and drops at once must not be hammered: only a session that
            // lived a while earns a fresh backoff.
            boolean lived = Duration.ofNanos(System.nanoTime() - since).compareTo(options.reconnectMaxBackoff()) > 0;
            backoff = lived ? INITIAL_BACKOFF : longer(backoff);
            if (!pause(backoff)) {
                return;
            }
        }
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(options.reconnectMaxBackoff()) > 0 ? options.reconnectMaxBackoff() : doubled;
    }

    private Session connect() throws Exception {
        CompletableFuture<Session> opening = Session.open(http, options.webSocketUri(), options.connectTimeout(),
                inbound, timeouts);
        Session session;
        try {
            session = opening.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            // The JDK cannot cancel an upgrade in flight; a socket that opens too late is dropped.
            opening.thenAccept(late -> late.abort("connection attempt given up"));
            throw e;
        }
        try {
            if (options.token() != null || options.clientId() != null) {
                Frame.Hello hello = new Frame.Hello(reqs.getAsLong(), options.token(), options.clientId());
                Frame answer = session.request(hello, options.connectTimeout()).get();
                if (!(answer instanceof Frame.Welcome)) {
                    throw Failures.unexpected("hello", answer);
                }
            }
            events.prepare(session);
            return session;
        } catch (Exception e) {
            session.abort("connection set-up failed");
            throw e;
        }
    }

    /** Makes the session the one callers use; false if the client closed meanwhile. */
    private boolean publish(Session session) {
        synchronized (lock) {
            if (closed) {
                session.abort("the client is closed");
                return false;
            }
            if (ready.isDone()) {
                ready = CompletableFuture.completedFuture(session);
            } else {
                ready.complete(session);
            }
            return true;
        }
    }

    /**
     * Pings the session every interval. A pong missing for a whole interval counts the session as
     * lost, unless other frames came meanwhile or the client itself is holding reads back.
     */
    private void watch(Session session) {
        Duration interval = options.heartbeatInterval();
        try {
            while (!closed && !session.awaitClosed(interval)) {
                long sent = System.nanoTime();
                try {
                    session.request(new Frame.Ping(reqs.getAsLong()), interval).get();
                } catch (ExecutionException e) {
                    Throwable cause = Failures.unwrap(e);
                    // An error answer still proves the server is there; silence or a lost link does not.
                    boolean silent = !(cause instanceof KmbException) || cause instanceof Failures.LinkLost;
                    if (silent && !session.heardSince(sent) && !session.isHoldingBack()) {
                        session.abort("no pong within " + interval.toMillis() + " ms");
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps for the backoff with "equal jitter" (half fixed, half random); false if interrupted. */
    private boolean pause(Duration backoff) {
        long half = backoff.toMillis() / 2;
        try {
            Thread.sleep(half + ThreadLocalRandom.current().nextLong(half + 1));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Closes the session with 1000 and stops reconnecting; calls still waiting fail as closed. */
    @Override
    public void close() {
        Session session = null;
        synchronized (lock) {
            closed = true;
            if (ready.isDone() && !ready.isCompletedExceptionally()) {
                session = ready.join();
            }
            if (!ready.completeExceptionally(Failures.closed())) {
                ready = CompletableFuture.failedFuture(Failures.closed());
            }
        }
        firstAttempt.completeExceptionally(Failures.closed());
        thread.interrupt();
        try {
            if (session != null) {
                session.closeNormally(Duration.ofSeconds(1));
            }
            thread.join(options.connectTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
