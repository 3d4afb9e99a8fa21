package ai.kind.kmb.outbox;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages kept on local disk until the broker has them, in the order they were added. One client
 * at a time owns a directory (a file lock says so); a client that opens it later, in this process or
 * another, finds what an earlier one left. Safe to use from any thread.
 */
public final class Outbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final Path directory;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final OutboxLog log;
    private final OutboxRecovery recovery;
    private final Clock clock;
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition added = guard.newCondition();
    private final Deque<OutboxEntry> waiting = new ArrayDeque<>();
    private long lastSequence;
    private boolean closed;

    private Outbox(Path directory, FileChannel lockFile, FileLock lock, OutboxLog log, Clock clock) throws IOException {
        this.directory = directory;
        this.lockFile = lockFile;
        this.lock = lock;
        this.log = log;
        this.clock = clock;
        this.recovery = recover();
    }

    /**
     * Opens (creating if need be) the outbox in {@code directory}. Fails with {@code bad_request}
     * when another client holds it, {@code internal} when it cannot be read or written.
     */
    public static Outbox open(Path directory, Clock clock) {
        FileChannel lockFile = null;
        try {
            Files.createDirectories(directory);
            lockFile = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockFile, directory);
            return new Outbox(directory, lockFile, lock, OutboxLog.open(directory), clock);
        } catch (IOException e) {
            closeQuietly(lockFile);
            throw failure("open", directory, e);
        } catch (RuntimeException e) {
            closeQuietly(lockFile);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel lockFile, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "the outbox " + directory
                    + " is in use by another client; give each client its own directory");
        }
        return lock;
    }

    public Path directory() {
        return directory;
    }

    /** What opening found: messages waiting from an earlier client, and any torn tail. */
    public OutboxRecovery recovery() {
        return recovery;
    }

    /**
     * Adds a message, fixing its id and timestamp now when it has none, so every later send is the
     * same message to the broker's dedup window. Returns once it is on disk.
     */
    public OutboxEntry add(Envelope message, Boolean durable) {
        guard.lock();
        try {
            requireOpen();
            OutboxEntry entry = new OutboxEntry(lastSequence + 1, message.stamped(clock.instant()), durable);
            log.appendMessage(entry, true);
            lastSequence = entry.sequence();
            waiting.addLast(entry);
            added.signalAll();
            return entry;
        } catch (IOException e) {
            throw failure("write to", directory, e);
        } finally {
            guard.unlock();
        }
    }

    /** The oldest message not yet delivered, waiting up to {@code millis} for one; null if none came or closed. */
    public OutboxEntry head(long millis) throws InterruptedException {
        guard.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (waiting.isEmpty() && !closed && nanos > 0) {
                nanos = added.awaitNanos(nanos);
            }
            return closed ? null : waiting.peekFirst();
        } finally {
            guard.unlock();
        }
    }

    /** Records that the oldest message, {@code entry}, is on the broker; an empty outbox empties its file. */
    public void delivered(OutboxEntry entry) {
        guard.lock();
        try {
            requireOpen();
            if (waiting.peekFirst() != entry) {
                throw new IllegalStateException("outbox messages are delivered in order; " + entry.sequence()
                        + " is not the oldest");
            }
            waiting.removeFirst();
            if (waiting.isEmpty()) {
                log.clear();
            } else {
                log.appendDelivered(entry.sequence());
            }
        } catch (IOException e) {
            throw failure("write to", directory, e);
        } finally {
            guard.unlock();
        }
    }

    /** The messages not yet delivered, oldest first. */
    public List<OutboxEntry> pending() {
        guard.lock();
        try {
            return List.copyOf(waiting);
        } finally {
            guard.unlock();
        }
    }

    private OutboxRecovery recover() throws IOException {
        OutboxLog.Scan scan = log.scan();
        long deliveredThrough = 0;
        for (JsonNode record : scan.records()) {
            if (record.has("delivered")) {
                deliveredThrough = Math.max(deliveredThrough, record.get("delivered").asLong());
            } else {
                OutboxEntry entry = OutboxLog.entry(record);
                lastSequence = Math.max(lastSequence, entry.sequence());
                waiting.addLast(entry);
            }
        }
        long through = deliveredThrough;
        waiting.removeIf(entry -> entry.sequence() <= through);
        if (scan.problem() == null) {
            return OutboxRecovery.clean(waiting.size());
        }
        Path copy = directory.resolve(OutboxLog.FILE + ".corrupt-" + clock.millis());
        log.cutTail(scan.goodLength(), copy);
        long corrupt = scan.fileLength() - scan.goodLength();
        LOG.log(System.Logger.Level.WARNING, "KMB outbox " + directory + ": " + scan.problem() + "; kept the "
                + waiting.size() + " intact messages waiting, moved the " + corrupt + " damaged bytes to " + copy);
        return new OutboxRecovery(waiting.size(), corrupt, scan.problem(), copy);
    }

    private void requireOpen() {
        if (closed) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "the outbox " + directory + " is closed");
        }
    }

    private static KmbException failure(String action, Path directory, IOException e) {
        return new KmbException(ErrorCode.INTERNAL, "cannot " + action + " the outbox " + directory + ": " + e,
                List.of(), e);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with the error that matters.
            }
        }
    }

    /** Closes the file and lets go of the directory; what is still waiting stays for the next client. */
    @Override
    public void close() {
        guard.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            added.signalAll();
        } finally {
            guard.unlock();
        }
        try {
            log.close();
            lock.release();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "KMB outbox " + directory + ": closing failed", e);
        } finally {
            closeQuietly(lockFile);
        }
    }
}
