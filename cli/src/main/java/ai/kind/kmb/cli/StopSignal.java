package ai.kind.kmb.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends the commands that run until told (tail, record, replay, bench): Ctrl-C, or a limit the
 * command reached itself, requests the stop. Ctrl-C runs the JVM's shutdown hooks and then halts,
 * so the hook waits for a command that was watching for the stop to finish its work first: a
 * recording must still get its last lines and its gzip trailer.
 */
final class StopSignal {
    /** How long Ctrl-C waits for a command to finish before the JVM halts anyway. */
    static final Duration FINISH_PATIENCE = Duration.ofSeconds(15);

    private final CompletableFuture<Void> requested = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean watched;

    void request() {
        requested.complete(null);
    }

    boolean isRequested() {
        return requested.isDone();
    }

    /** Waits until a stop is requested or {@code timeout} (null: no limit) passes; true if requested. */
    boolean await(Duration timeout) throws InterruptedException {
        watched = true;
        try {
            if (timeout == null) {
                requested.get();
            } else {
                requested.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stop signal is never completed with an error", e);
        }
    }

    /** Says that the running command checks {@link #isRequested()} and ends by itself when asked. */
    void watch() {
        watched = true;
    }

    /** Runs {@code action} once a stop is requested (at once if it already was), on the requesting thread. */
    void onRequest(Runnable action) {
        watched = true;
        requested.thenRun(action);
    }

    /** The command is done and its output is flushed. */
    void finished() {
        finished.countDown();
    }

    /** For the shutdown hook: requests the stop and waits for a watching command to finish. */
    void stopAndWait() {
        request();
        if (!watched) {
            return;
        }
        try {
            finished.await(FINISH_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
