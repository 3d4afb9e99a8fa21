package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.GroupStatus;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.SharedConsumers;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The durable store several KMB nodes share through one PostgreSQL database: the tables live in one
 * schema (see {@code docs/storage.md}). Writes go through one writer thread per node doing group
 * commit, and a future completes only after its transaction committed (with the default
 * {@code synchronous_commit = on}, after the WAL reached disk). Offsets come from one locked row, so
 * they are unique across nodes, follow each node's call order, and become visible in order.
 * Reads use a small pool of connections. Appends NOTIFY; {@link #onAppended} wakes a node when any
 * node appended.
 *
 * <p>Futures complete in commit order on {@value PostgresWriter#COMPLETER_NAME}; a callback must not
 * wait on another write's future (the synchronous methods refuse to, instead of deadlocking).
 */
public final class PostgresStore implements MessageStore, SharedConsumers {
    /** The writer's counters, for metrics and for tests that check writes really share commits. */
    public record WriterStats(long commits, long writes) {
    }

    private final String url;
    private final String jdbcUrl;
    private final PostgresStoreOptions options;
    private final PostgresWriter writer;
    private final PostgresPool pool;
    private final PostgresQueries queries;
    private final PostgresMaintenance maintenance;
    private final PostgresSnapshots snapshots;
    private PostgresNotifier notifier;
    private volatile boolean closed;

    private PostgresStore(String jdbcUrl, PostgresStoreOptions options) {
        this.url = PostgresErrors.describe(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        this.options = options;
        this.queries = new PostgresQueries(options.schema());
        this.maintenance = new PostgresMaintenance(options.schema(), queries);
        this.pool = new PostgresPool(url, options.readConnections(),
                () -> PostgresSchema.connect(jdbcUrl, options, "reader"));
        this.snapshots = new PostgresSnapshots(pool, options.schema());
        this.writer = new PostgresWriter(url, new PostgresWriteSession(options.schema(), options.appendedChannel(),
                () -> PostgresSchema.connect(jdbcUrl, options, "writer")), options);
    }

    /**
     * Connects, creates the schema and tables if absent (or checks their version), and starts the
     * writer. Fails with {@code unavailable}, naming the database, when PostgreSQL cannot be reached.
     */
    public static PostgresStore open(String jdbcUrl, PostgresStoreOptions options) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(options, "options");
        String url = PostgresErrors.describe(jdbcUrl);
        try (Connection connection = PostgresSchema.connect(jdbcUrl, options, "setup")) {
            PostgresSchema.createOrCheck(connection, options, url);
        } catch (SQLException | RuntimeException e) {
            throw PostgresErrors.failure(url, "open the store (schema " + options.schema() + ")", e);
        }
        return new PostgresStore(jdbcUrl, options);
    }

    /** The database, as errors name it (no credentials). */
    public String url() {
        return url;
    }

    /** The schema holding the store's tables, which the nodes sharing it also use for their own. */
    public String schema() {
        return options.schema();
    }

    public WriterStats writerStats() {
        return new WriterStats(writer.commits(), writer.writes());
    }

    /**
     * Runs {@code listener} whenever any node (this one included) commits appends to this schema,
     * on the notifier's thread; it should only wake a reader. Close the handle to stop.
     */
    public synchronized AutoCloseable onAppended(Runnable listener) {
        return notifier().listen(options.appendedChannel(), listener, options.connectTimeout());
    }

    /** The NOTIFY channel on which the nodes of this bus exchange ephemeral messages. */
    public String liveChannel() {
        return options.liveChannel();
    }

    /**
     * Runs {@code listener} with the payload of every notification on {@code channel}, on the
     * notifier's thread (so it should hand work off), and once with null after the notifier
     * reconnected. Close the handle to stop.
     */
    public synchronized AutoCloseable onNotification(String channel, Consumer<String> listener) {
        return notifier().listenToPayloads(channel, listener, options.connectTimeout());
    }

    /** A connection of the caller's own to the store's database, e.g. to send notifications on. */
    public Connection connect(String role) throws SQLException {
        ensureOpen();
        return PostgresSchema.connect(jdbcUrl, options, role);
    }

    /** Agents' snapshots, in this schema's {@code snapshots} table, shared by every node of the bus. */
    public SnapshotRecords snapshots() {
        return snapshots;
    }

    private PostgresNotifier notifier() {
        ensureOpen();
        if (notifier == null) {
            notifier = new PostgresNotifier(url, () -> PostgresSchema.connect(jdbcUrl, options, "notifier"));
        }
        return notifier;
    }

    @Override
    public CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt) {
        Objects.requireNonNull(message, "message");
        PostgresWriteSession.EncodedMessage encoded = encode(message, receivedAt);
        return writer.submit(session -> session.append(encoded));
    }

    /** One work item of the writer, so all of them commit in one transaction or none do. */
    @Override
    public CompletableFuture<List<StoredMessage>> appendAll(List<Envelope> messages, Instant receivedAt) {
        Objects.requireNonNull(messages, "messages");
        List<PostgresWriteSession.EncodedMessage> encoded = messages.stream()
                .map(message -> encode(message, receivedAt)).toList();
        return writer.submit(session -> {
            List<Supplier<StoredMessage>> appended = encoded.stream().map(session::append).toList();
            return () -> appended.stream().map(Supplier::get).toList();
        });
    }

    /** Atomic across nodes: decided in the append batch, under the log's lock (see {@code IdRepeats}). */
    @Override
    public CompletableFuture<Appended> appendOnce(Envelope message, Instant receivedAt, Instant since) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(message.id(), "message id");
        Objects.requireNonNull(since, "since");
        PostgresWriteSession.EncodedMessage encoded = encode(message, receivedAt);
        return writer.submit(session -> session.appendOnce(encoded, since));
    }

    /** Encoding here, on the caller's thread, keeps the writer thread doing nothing but SQL. */
    private static PostgresWriteSession.EncodedMessage encode(Envelope message, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        String json = EnvelopeCodec.toJsonString(message);
        return new PostgresWriteSession.EncodedMessage(message, PostgresCodec.micros(receivedAt), json,
                json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public List<StoredMessage> readAfter(long afterOffset, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return read("read messages", connection -> queries.readAfter(connection, afterOffset, limit));
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        return read("query history", connection -> queries.history(connection, query));
    }

    @Override
    public long lastOffset() {
        return read("read the last offset", queries::logState).lastOffset();
    }

    @Override
    public OptionalLong firstOffset() {
        return read("find the first offset", queries::firstOffset);
    }

    @Override
    public OptionalLong firstOffsetAtOrAfter(Instant time) {
        return read("find an offset by time", connection -> queries.firstOffsetAtOrAfter(connection, time));
    }

    @Override
    public Optional<StoredMessage> findById(String messageId, Instant since) {
        return read("find a message by id", connection -> queries.findById(connection, messageId, since));
    }

    /** Totals kept in the log's row by every append and trim, so this costs one row read. */
    @Override
    public LogStats stats() {
        return read("read the log's totals", queries::logState).stats();
    }

    @Override
    public long enforceRetention(RetentionPolicy policy, Instant now) {
        return writer.await(writer.submitAlone(session -> {
            long removed = maintenance.enforceRetention(session, policy, now);
            return () -> removed;
        }));
    }

    @Override
    public Optional<ConsumerState> loadConsumer(String name) {
        ensureOpen();
        return pool.transaction("load consumer " + name, connection -> queries.consumers(snapshot(connection), name))
                .stream().findFirst();
    }

    @Override
    public List<ConsumerState> consumers() {
        ensureOpen();
        return pool.transaction("list consumers", connection -> queries.consumers(snapshot(connection), null));
    }

    @Override
    public CompletableFuture<Void> saveConsumer(ConsumerState state) {
        Objects.requireNonNull(state, "state");
        return writer.submit(session -> session.saveConsumer(state));
    }

    /** Through the writer, so it lands after every save queued before it. */
    @Override
    public boolean deleteConsumer(String name) {
        return writer.await(writer.submit(session -> {
            boolean deleted = maintenance.deleteConsumer(session.connection(), name);
            return () -> deleted;
        }));
    }

    @Override
    public ConsumerClaims join(String durable, String node, long startAfter) {
        Objects.requireNonNull(durable, "durable");
        Objects.requireNonNull(node, "node");
        ensureOpen();
        return PostgresConsumerClaims.join(pool, queries, options.schema(), durable, node, startAfter);
    }

    @Override
    public Optional<GroupStatus> status(String durable) {
        Objects.requireNonNull(durable, "durable");
        ensureOpen();
        return PostgresConsumerClaims.status(pool, options.schema(), durable);
    }

    @Override
    public CompletableFuture<DeadLetter> addDeadLetter(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        DeathRecord death = letter.death();
        DeadLetter kept = new DeadLetter(letter.id() == null ? UUID.randomUUID().toString() : letter.id(),
                letter.message(), new DeathRecord(death.reason(), death.originalTopic(), death.subscriber(),
                        death.deliveryCount(), PostgresCodec.micros(death.firstDeath()),
                        PostgresCodec.micros(death.lastDeath()), death.deaths(), death.lastError()));
        PostgresWriteSession.EncodedLetter encoded = new PostgresWriteSession.EncodedLetter(kept,
                EnvelopeCodec.toJsonString(kept.message()));
        return writer.submit(session -> session.addDeadLetter(encoded));
    }

    @Override
    public List<DeadLetter> deadLetters(DeadLetterQuery query) {
        return read("list dead letters", connection -> queries.deadLetters(connection, query));
    }

    @Override
    public Optional<DeadLetter> deadLetter(String id) {
        return read("read dead letter " + id, connection -> queries.deadLetter(connection, id));
    }

    @Override
    public boolean removeDeadLetter(String id) {
        return writer.await(writer.submit(session -> {
            boolean removed = maintenance.removeDeadLetter(session.connection(), id);
            return () -> removed;
        }));
    }

    @Override
    public int purgeDeadLetters(DeadLetterQuery query) {
        return writer.await(writer.submit(session -> {
            int purged = maintenance.purgeDeadLetters(session.connection(), query);
            return () -> purged;
        }));
    }

    /** Commits every write already queued, then closes the connections; later calls fail with {@code unavailable}. */
    @Override
    public void close() {
        PostgresNotifier toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = notifier;
        }
        try {
            writer.close();
        } finally {
            pool.close();
            if (toClose != null) {
                toClose.close();
            }
        }
    }

    /** Stops the writer after its current batch until the returned handle runs; for tests. */
    Runnable pauseWriter() {
        return writer.pause();
    }

    /** Makes the transaction read one snapshot, so a consumer and its pending list come from the same save. */
    private static Connection snapshot(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        }
        return connection;
    }

    private <T> T read(String action, PostgresPool.Work<T> work) {
        ensureOpen();
        return pool.run(action, work);
    }

    private void ensureOpen() {
        if (closed) {
            throw PostgresErrors.closed(url);
        }
    }
}
