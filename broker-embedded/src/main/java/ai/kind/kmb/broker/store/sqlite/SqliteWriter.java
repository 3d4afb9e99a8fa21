package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.nio.file.Path;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes, doing group commit: it takes every write waiting in its queue (up to
 * a batch), runs them in one transaction, commits (one fsync for the lot) and only then completes
 * their futures. Callers that arrive while a commit is being fsynced simply form the next batch, so
 * the more concurrent the writers, the fewer fsyncs per write, with no timer adding latency.
 *
 * <p>Futures complete on a second thread, {@value #COMPLETER_NAME}, in commit order: callbacks never
 * hold up the next fsync, and a callback that writes to the store cannot deadlock the writer. A
 * callback must still not block on another write's future (it would wait for its own thread).
 */
final class SqliteWriter implements AutoCloseable {
    static final String WRITER_NAME = "kmb-sqlite-writer";
    static final String COMPLETER_NAME = "kmb-sqlite-completer";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    /** A write's SQL, run on the writer thread inside the batch's transaction. */
    @FunctionalInterface
    interface Op<T> {
        T apply(WriteSession session) throws SQLException;
    }

    private sealed interface Item {
    }

    private record Write<T>(Op<T> op, CompletableFuture<T> future) implements Item {
        /** Runs the SQL; the returned completion may only run once the transaction is committed. */
        Runnable apply(WriteSession session) throws SQLException {
            T result = op.apply(session);
            return () -> future.complete(result);
        }
    }

    /** Holds the writer until released: lets tests queue writes deterministically behind it. */
    private record Pause(CountDownLatch reached, CountDownLatch release) implements Item {
    }

    private record Stop() implements Item {
    }

    private final Path file;
    private final WriteSession session;
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

    SqliteWriter(Path file, WriteSession session, SqliteStoreOptions options) {
        this.file = file;
        this.session = session;
        this.queue = new ArrayBlockingQueue<>(options.writeQueueCapacity());
        this.enqueueTimeout = options.enqueueTimeout();
        this.maxBatch = options.maxBatchWrites();
        this.completer = Executors.newSingleThreadExecutor(task -> {
            Thread created = Thread.ofPlatform().name(COMPLETER_NAME).daemon().unstarted(task);
            completerThread = created;
            return created;
        });
        // A platform thread: it spends its life in JNI and fsync, which would pin a virtual thread anyway.
        this.thread = Thread.ofPlatform().name(WRITER_NAME).daemon().start(this::run);
    }

    /**
     * Queues a write. When the queue is full the caller waits up to the enqueue timeout for room
     * (backpressure); after that, or once the store is closing, the future fails with
     * {@code unavailable}. Never throws.
     */
    <T> CompletableFuture<T> submit(Op<T> op) {
        if (closing) {
            return CompletableFuture.failedFuture(SqliteErrors.closed(file));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            if (!queue.offer(new Write<>(op, future), enqueueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return CompletableFuture.failedFuture(new KmbException(ErrorCode.UNAVAILABLE, "message store " + file
                        + " is overloaded: " + queue.size() + " writes are waiting for the disk and no room freed up in "
                        + enqueueTimeout.toMillis() + " ms; try again later"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(SqliteErrors.failure(file, "queue a write", e));
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

    int queued() {
        return queue.size();
    }

    WriteSession.Committed committed() {
        return session.committed();
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

    /**
     * Runs the writes in one transaction; if it fails, retries each alone, so that one bad write
     * fails alone and a full disk fails exactly the writes that did not fit. Leaves the list as it is.
     */
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
            session.rollback();
            if (batch.size() == 1 || SqliteErrors.isLocked(e)) {
                // Locked by someone else: each write alone would wait out the busy timeout again.
                KmbException failure = SqliteErrors.failure(file, "write", e);
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
        try {
            completer.execute(() -> runAll(completions));
        } catch (RejectedExecutionException closed) {
            runAll(completions);
        }
    }

    /** Completes every future even if one completion throws, so no caller is left waiting forever. */
    private static void runAll(List<Runnable> completions) {
        for (Runnable completion : completions) {
            try {
                completion.run();
            } catch (RuntimeException e) {
                LOG.error("completing a store write failed", e);
            }
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
                write.future().completeExceptionally(SqliteErrors.closed(file));
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
            if (!completer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("{} still running callbacks 30 s after the store closed", COMPLETER_NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while closing message store {}; queued writes may be lost", file);
        }
    }
}
