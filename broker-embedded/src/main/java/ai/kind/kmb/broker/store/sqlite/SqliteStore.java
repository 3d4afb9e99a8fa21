package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.history.StoredMessage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded durable store: one SQLite file in WAL mode. Every write goes through one writer
 * thread that commits in groups (see {@link SqliteWriter}); a future completes only after its
 * transaction is fsynced, so what was acknowledged survives a crash or power loss. Reads use a
 * small pool of read-only connections and see only committed data.
 *
 * <p>Backpressure: at most {@link SqliteStoreOptions#writeQueueCapacity()} writes wait for the
 * writer; past that a caller waits up to {@link SqliteStoreOptions#enqueueTimeout()} for room, then
 * its future fails with {@code unavailable}. A full disk or an I/O error fails the writes it hits
 * with {@code unavailable}, naming the file; the writer carries on with later writes.
 *
 * <p>Futures complete in commit order on the thread {@value SqliteWriter#COMPLETER_NAME}.
 */
public final class SqliteStore implements MessageStore {
    /** The writer's counters, for metrics and for tests that check writes really share commits. */
    public record WriterStats(long commits, long writes, int queued) {
    }

    private final Path file;
    private final FileLock lock;
    private final SqliteWriter writer;
    private final ReaderPool readers;
    private volatile boolean closed;

    private SqliteStore(Path file, FileLock lock, SqliteWriter writer, ReaderPool readers) {
        this.file = file;
        this.lock = lock;
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Opens the store in {@code directory} (created if missing), creating or upgrading its file. A
     * lock file keeps a second process (or a second store in this one) from writing the same file.
     */
    public static SqliteStore open(Path directory, SqliteStoreOptions options) {
        Path file = directory.resolve(options.fileName());
        FileLock lock = lock(directory, file);
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writeConnection = SqliteSchema.openWriter(file, options);
            opened.add(writeConnection);
            WriteSession session = new WriteSession(writeConnection, SqliteSchema.logState(writeConnection));
            List<Connection> readConnections = new ArrayList<>();
            for (int i = 0; i < options.readConnections(); i++) {
                Connection reader = SqliteSchema.openReader(file);
                opened.add(reader);
                readConnections.add(reader);
            }
            return new SqliteStore(file, lock, new SqliteWriter(file, session, options),
                    new ReaderPool(file, readConnections));
        } catch (SQLException | RuntimeException e) {
            opened.forEach(SqliteSchema::closeQuietly);
            release(lock);
            throw e instanceof KmbException kmb ? kmb : SqliteErrors.failure(file, "open the database", e);
        }
    }

    public static SqliteStore open(Path directory) {
        return open(directory, SqliteStoreOptions.defaults());
    }

    public Path file() {
        return file;
    }

    public WriterStats writerStats() {
        return new WriterStats(writer.commits(), writer.writes(), writer.queued());
    }

    @Override
    public CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
        // Encoding here, on the caller's thread, keeps the single writer thread doing nothing but SQL.
        WriteSession.EncodedMessage encoded = new WriteSession.EncodedMessage(message,
                receivedAt.truncatedTo(ChronoUnit.MICROS), SqliteCodec.json(message));
        return writer.submit(session -> session.append(encoded));
    }

    /** One write of the group-commit writer: every message commits in the same SQL transaction, or none. */
    @Override
    public CompletableFuture<List<StoredMessage>> appendAll(List<Envelope> messages, Instant receivedAt) {
        Instant at = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
        List<WriteSession.EncodedMessage> encoded = messages.stream()
                .map(message -> new WriteSession.EncodedMessage(message, at, SqliteCodec.json(message))).toList();
        return writer.submit(session -> {
            List<StoredMessage> stored = new java.util.ArrayList<>(encoded.size());
            for (WriteSession.EncodedMessage message : encoded) {
                stored.add(session.append(message));
            }
            return stored;
        });
    }

    @Override
    public List<StoredMessage> readAfter(long afterOffset, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return read("read messages", connection -> SqliteQueries.readAfter(connection, afterOffset, limit));
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        return read("query history", connection -> SqliteQueries.history(connection, query));
    }

    @Override
    public long lastOffset() {
        ensureOpen();
        return writer.committed().lastOffset();
    }

    @Override
    public OptionalLong firstOffset() {
        return read("find the first offset", SqliteQueries::firstOffset);
    }

    @Override
    public OptionalLong firstOffsetAtOrAfter(Instant time) {
        return read("find an offset by time", connection -> SqliteQueries.firstOffsetAtOrAfter(connection, time));
    }

    @Override
    public Optional<StoredMessage> findById(String messageId, Instant since) {
        return read("find a message by id", connection -> SqliteQueries.findById(connection, messageId, since));
    }

    /** Kept by the writer as it commits, so this costs no query. */
    @Override
    public LogStats stats() {
        ensureOpen();
        return writer.committed().stats();
    }

    @Override
    public long enforceRetention(RetentionPolicy policy, Instant now) {
        return writer.await(writer.submit(session -> session.enforceRetention(policy, now)));
    }

    @Override
    public Optional<ConsumerState> loadConsumer(String name) {
        ensureOpen();
        return readers.readSnapshot("load consumer " + name, connection -> SqliteQueries.consumer(connection, name));
    }

    @Override
    public List<ConsumerState> consumers() {
        ensureOpen();
        return readers.readSnapshot("list consumers", SqliteQueries::consumers);
    }

    @Override
    public CompletableFuture<Void> saveConsumer(ConsumerState state) {
        Objects.requireNonNull(state, "state");
        return writer.submit(session -> session.saveConsumer(state));
    }

    @Override
    public boolean deleteConsumer(String name) {
        return writer.await(writer.submit(session -> session.deleteConsumer(name)));
    }

    @Override
    public CompletableFuture<DeadLetter> addDeadLetter(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        DeathRecord death = letter.death();
        DeadLetter kept = new DeadLetter(letter.id() == null ? UUID.randomUUID().toString() : letter.id(),
                letter.message(), new DeathRecord(death.reason(), death.originalTopic(), death.subscriber(),
                        death.deliveryCount(), micros(death.firstDeath()), micros(death.lastDeath()), death.deaths(),
                        death.lastError()));
        WriteSession.EncodedLetter encoded = new WriteSession.EncodedLetter(kept, SqliteCodec.json(kept.message()));
        return writer.submit(session -> session.addDeadLetter(encoded));
    }

    @Override
    public List<DeadLetter> deadLetters(DeadLetterQuery query) {
        return read("list dead letters", connection -> SqliteQueries.deadLetters(connection, query));
    }

    @Override
    public Optional<DeadLetter> deadLetter(String id) {
        return read("read dead letter " + id, connection -> SqliteQueries.deadLetter(connection, id));
    }

    @Override
    public boolean removeDeadLetter(String id) {
        return writer.await(writer.submit(session -> session.removeDeadLetter(id)));
    }

    @Override
    public int purgeDeadLetters(DeadLetterQuery query) {
        return writer.await(writer.submit(session -> session.purgeDeadLetters(query)));
    }

    /** Commits every write already queued, then closes the file; later calls fail with {@code unavailable}. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            readers.close();
            writer.close();
        } finally {
            release(lock);
        }
    }

    /** Stops the writer after its current batch until the returned handle runs; for tests. */
    Runnable pauseWriter() {
        return writer.pause();
    }

    private <T> T read(String action, ReaderPool.Read<T> work) {
        ensureOpen();
        return readers.read(action, work);
    }

    private void ensureOpen() {
        if (closed) {
            throw SqliteErrors.closed(file);
        }
    }

    private static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    private static FileLock lock(Path directory, Path file) {
        Path lockFile = directory.resolve(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException inThisProcess) {
            // Another store in this JVM holds it; reported below like another process would be.
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KmbException(ErrorCode.UNAVAILABLE, "cannot open message store " + file + ": "
                    + e.getMessage(), List.of(), e);
        }
        closeQuietly(channel);
        throw new KmbException(ErrorCode.UNAVAILABLE, "cannot open message store " + file
                + ": another store already has it open (lock file " + lockFile + ")");
    }

    private static void release(FileLock lock) {
        try (FileChannel channel = lock.channel()) {
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel or the process anyway.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to do for a channel we are giving up on.
            }
        }
    }
}
