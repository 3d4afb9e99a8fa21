package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes, doing group commit as the SQLite store's writer does: it takes every
 * write waiting in its queue (up to a batch), runs them in one transaction, commits (one WAL flush
 * for the lot) and only then completes their futures, in commit order, on {@value #COMPLETER_NAME}.
 * If a batch fails it is rolled back and each write is retried alone, so one bad write fails alone;
 * if the connection was lost, the whole batch fails with {@code unavailable} (whether the commit
 * happened is then unknown, and retrying could store a message twice) and the next batch reconnects.
 */
final class PostgresWriter implements AutoCloseable {
    static final String WRITER_NAME = "kmb-postgres-writer";
    static final String COMPLETER_NAME = "kmb-postgres-completer";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresWriter.class);

    /** A write's SQL, run on the writer thread inside the batch's transaction; its result is read after the commit. */
    @FunctionalInterface
    interface Op<T> {
        Supplier<T> apply(PostgresWriteSession session) throws SQLException;
    }

    private sealed interface Item {
    }

    /** {@code alone}: runs in a transaction of its own (retention, which locks the log's row before other rows). */
    private record Write<T>(Op<T> op, CompletableFuture<T> future, boolean alone) implements Item {
        Runnable apply(PostgresWriteSession session) throws SQLException {
            Supplier<T> result = op.apply(session);
            return () -> future.complete(result.get());
        }
    }

    /** Holds the writer until released: lets tests queue writes deterministically behind it. */
    private record Pause(CountDownLatch reached, CountDownLatch release) implements Item {
    }

    private record Stop() implements Item {
    }

    private final String url;
    private final PostgresWriteSession session;
    private final BlockingQueue<Item> queue;
    private final Duration enqueueTimeout;
    private final int maxBatch;
    private final Thread thread;
    private final ExecutorService completer;
    private volatile Thread completerThread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean stopped;

    PostgresWriter(String url, PostgresWriteSession session, PostgresStoreOptions options) {
        this.url = url;
        this.session = session;
        this.queue = new ArrayBlockingQueue<>(options.writeQueueCapacity());
        this.enqueueTimeout = options.enqueueTimeout();
        this.maxBatch = options.maxBatchWrites();
        this.completer = Executors.newSingleThreadExecutor(task -> {
            Thread created = Thread.ofPlatform().name(COMPLETER_NAME).daemon().unstarted(task);
            completerThread = created;
            return created;
        });
        this.thread = Thread.ofPlatform().name(WRITER_NAME).daemon().start(this::run);
    }

    /** Queues a write; when the queue stays full past the enqueue timeout, fails with {@code unavailable}. Never throws. */
    <T> CompletableFuture<T> submit(Op<T> op) {
        return submit(op, false);
    }

    /** Queues a write that runs in a transaction of its own. */
    <T> CompletableFuture<T> submitAlone(Op<T> op) {
        return submit(op, true);
    }

    private <T> CompletableFuture<T> submit(Op<T> op, boolean alone) {
        if (closing) {
            return CompletableFuture.failedFuture(PostgresErrors.closed(url));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            if (!queue.offer(new Write<>(op, future, alone), enqueueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return CompletableFuture.failedFuture(new KmbException(ErrorCode.UNAVAILABLE, "message store " + url
                        + " is overloaded: " + queue.size() + " writes are waiting for PostgreSQL and no room freed up in "
                        + enqueueTimeout.toMillis() + " ms; try again later"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(PostgresErrors.failure(url, "queue a write", e));
        }
        if (stopped) {
            failLeftovers(); // the writer left between our check and our offer
        }
        return future;
    }

    /** Waits for a write on behalf of a synchronous method, rethrowing its failure as it was. */
    <T> T await(CompletableFuture<T> future) {
        if (Thread.currentThread() == completerThread) {
            throw new IllegalStateException("a store callback must not wait for another write: it would wait for "
                    + "its own thread (" + COMPLETER_NAME + "); chain the future with an *Async method instead");
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    long commits() {
        return commits.get();
    }

    long writes() {
        return writes.get();
    }

    /** Stops the writer once it has run its current batch; returns a handle that lets it go on. */
    Runnable pause() {
        Pause pause = new Pause(new CountDownLatch(1), new CountDownLatch(1));
        try {
            queue.put(pause);
            pause.reached().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing the writer", e);
        }
        return pause.release()::countDown;
    }

    private void run() {
        List<Item> drained = new ArrayList<>();
        List<Write<?>> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                drained.add(queue.take());
                queue.drainTo(drained, maxBatch - 1);
                for (Item item : drained) {
                    switch (item) {
                        case Write<?> write when write.alone() -> {
                            commit(batch);
                            batch.clear();
                            commit(List.of(write));
                        }
                        case Write<?> write -> batch.add(write);
                        case Pause pause -> {
                            commit(batch);
                            batch.clear();
                            pause.reached().countDown();
                            awaitUninterruptibly(pause.release());
                        }
                        case Stop _ -> running = false;
                    }
                }
                commit(batch);
            } catch (InterruptedException e) {
                // Only take() throws it, with nothing drained yet; the store decides when the writer stops.
                LOG.warn("{} interrupted; it keeps serving until the store is closed", WRITER_NAME);
            } finally {
                drained.clear();
                batch.clear();
            }
        }
        session.close();
        stopped = true;
        failLeftovers();
    }

    private void commit(List<Write<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            session.begin();
            for (Write<?> write : batch) {
                completions.add(write.apply(session));
            }
            session.commit();
        } catch (Throwable e) { // anything a write throws fails its batch, never the writer
            boolean lost = session.rollback(e);
            if (batch.size() == 1 || lost) {
                KmbException failure = PostgresErrors.failure(url, "write", e, lost);
                LOG.warn("{} ({} writes failed)", failure.getMessage(), batch.size());
                List<CompletableFuture<?>> futures = batch.stream().<CompletableFuture<?>>map(Write::future).toList();
                complete(List.of(() -> futures.forEach(future -> future.completeExceptionally(failure))));
            } else {
                batch.forEach(write -> commit(List.of(write)));
            }
            return;
        }
        commits.incrementAndGet();
        writes.addAndGet(batch.size());
        complete(completions);
    }

    private void complete(List<Runnable> completions) {
        Runnable all = () -> completions.forEach(completion -> {
            try {
                completion.run();
            } catch (RuntimeException e) {
                LOG.error("completing a store write failed", e);
            }
        });
        try {
            completer.execute(all);
        } catch (RejectedExecutionException closed) {
            all.run();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void failLeftovers() {
        for (Item item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof Write<?> write) {
                write.future().completeExceptionally(PostgresErrors.closed(url));
            }
        }
    }

    /** Runs every write queued before this call, commits it, and stops the writer and its completer. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            queue.put(new Stop());
            thread.join();
            completer.shutdown();
            if (Thread.currentThread() != completerThread && !completer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("{} still running callbacks 30 s after the store closed", COMPLETER_NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while closing message store {}; queued writes may be lost", url);
        }
    }
}
