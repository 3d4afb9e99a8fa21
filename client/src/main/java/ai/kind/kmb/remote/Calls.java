package ai.kind.kmb.remote;

import ai.kind.kmb.protocol.Frame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Requests with an answer, made whether or not the client is connected right now: each waits for
 * a connection if there is none, all within the request time-out, and at most
 * {@link RemoteBusOptions#maxPendingWhileDisconnected()} calls wait at once.
 */
final class Calls {
    private final RemoteBusOptions options;
    private final Link link;
    private final LongSupplier reqs;
    private final BooleanSupplier closed;
    private final AtomicInteger waiting = new AtomicInteger();

    Calls(RemoteBusOptions options, Link link, LongSupplier reqs, BooleanSupplier closed) {
        this.options = options;
        this.link = link;
        this.reqs = reqs;
        this.closed = closed;
    }

    /**
     * Sends a request. With {@code resend}, a request whose connection was lost before the answer
     * is sent again on the next one, within the same time-out.
     */
    CompletableFuture<Frame.ServerFrame> call(String what, LongFunction<Frame.ClientFrame> frame, boolean resend) {
        if (closed.getAsBoolean()) {
            return CompletableFuture.failedFuture(Failures.closed());
        }
        return attempt(what, frame, resend, System.nanoTime() + options.requestTimeout().toNanos(), null);
    }

    private CompletableFuture<Frame.ServerFrame> attempt(String what, LongFunction<Frame.ClientFrame> frame,
                                                         boolean resend, long deadline, Session dead) {
        return connection(what, deadline, dead).thenCompose(session -> session
                .request(frame.apply(reqs.getAsLong()), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                .exceptionallyCompose(error -> {
                    Throwable cause = Failures.unwrap(error);
                    if (resend && cause instanceof Failures.LinkLost && !closed.getAsBoolean()
                            && deadline > System.nanoTime()) {
                        return attempt(what, frame, true, deadline, session);
                    }
                    return CompletableFuture.failedFuture(Failures.asKmb(cause, what, options.requestTimeout()));
                }));
    }

    private CompletableFuture<Session> connection(String what, long deadline, Session dead) {
        CompletableFuture<Session> ready = link.readyAfter(dead);
        if (ready.isDone()) {
            return ready;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CompletableFuture.failedFuture(Failures.noConnection(what, options.requestTimeout(), link.lastError()));
        }
        if (!startWaiting()) {
            return CompletableFuture.failedFuture(Failures.tooManyWaiting(what, options.maxPendingWhileDisconnected()));
        }
        // A copy, so that the time-out fails this caller's wait and not the connection everyone waits on.
        return ready.copy().orTimeout(left, TimeUnit.NANOSECONDS)
                .whenComplete((session, error) -> stopWaiting())
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        Failures.unwrap(error) instanceof TimeoutException
                                ? Failures.noConnection(what, options.requestTimeout(), link.lastError())
                                : Failures.unwrap(error)));
    }

    /** Counts a call that waits for the connection; false if the bound is reached. */
    boolean startWaiting() {
        if (waiting.incrementAndGet() > options.maxPendingWhileDisconnected()) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    void stopWaiting() {
        waiting.decrementAndGet();
    }
}
