package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.MessageLog.Appended;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The writes, on the writer thread's connection, inside the transaction {@link PostgresWriter} opens.
 *
 * <p>Appends are held until the commit: then the session locks the one {@code log_state} row, hands
 * out the next offsets in the order the appends came, inserts them in one batched statement, moves
 * the row on and NOTIFYs. Locking last means a transaction holding that row waits for nothing else,
 * so appends from several nodes cannot deadlock; holding it until commit means offsets become
 * visible in order, so a reader paging by offset never skips one that commits late, and that an
 * idempotent append's look-up for its id, made under the lock, sees every other node's copy.
 */
final class PostgresWriteSession implements AutoCloseable {
    /** A message encoded on the caller's thread, so the writer thread only runs SQL. */
    record EncodedMessage(Envelope envelope, Instant receivedAt, String json, int bytes) {
    }

    /** A dead letter encoded on the caller's thread. */
    record EncodedLetter(DeadLetter letter, String json) {
    }

    /** An append waiting for the commit to learn its offset; one that checks its id may learn of a repeat instead. */
    private static final class HeldAppend {
        private final EncodedMessage message;
        private final Instant since;
        private long offset;
        private StoredMessage earlier;

        HeldAppend(EncodedMessage message, Instant since) {
            this.message = message;
            this.since = since;
        }

        Appended result() {
            return earlier != null ? new Appended(earlier, true)
                    : new Appended(new StoredMessage(offset, message.receivedAt(), message.envelope()), false);
        }
    }

    private final String schema;
    private final String s;
    private final String appendedChannel;
    private final PostgresPool.Opener opener;
    private final List<HeldAppend> held = new ArrayList<>();
    private Connection connection;

    PostgresWriteSession(String schema, String appendedChannel, PostgresPool.Opener opener) {
        this.schema = schema;
        this.s = PostgresSchema.quoted(schema);
        this.appendedChannel = appendedChannel;
        this.opener = opener;
    }

    /** Opens a transaction, reconnecting first if the last one lost the connection. */
    void begin() throws SQLException {
        if (connection == null) {
            connection = opener.open();
            connection.setAutoCommit(false);
        }
    }

    Connection connection() {
        return connection;
    }

    Supplier<StoredMessage> append(EncodedMessage message) {
        HeldAppend append = new HeldAppend(message, null);
        held.add(append);
        return () -> append.result().message();
    }

    /** Stores the message unless its id was received at or after {@code since} (see {@link IdRepeats}). */
    Supplier<Appended> appendOnce(EncodedMessage message, Instant since) {
        HeldAppend append = new HeldAppend(message, since);
        held.add(append);
        return append::result;
    }

    void commit() throws SQLException {
        flushAppends();
        connection.commit();
    }

    /**
     * Rolls back; after a lost connection, drops it so that the next batch opens a new one, and
     * says so.
     */
    boolean rollback(Throwable cause) {
        held.clear();
        if (connection == null) {
            return PostgresErrors.isConnectionLost(cause);
        }
        try {
            connection.rollback();
        } catch (SQLException alreadyGone) {
            // A broken connection has nothing left to roll back.
        }
        boolean lost = PostgresErrors.isLost(cause, connection);
        if (lost) {
            PostgresSchema.closeQuietly(connection);
            connection = null;
        }
        return lost;
    }

    /** Locks the log's row and returns the highest offset given out; held until the transaction ends. */
    long lockLog() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_offset FROM " + s
                + ".log_state FOR UPDATE");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void flushAppends() throws SQLException {
        if (held.isEmpty()) {
            return;
        }
        long offset = lockLog();
        IdRepeats repeats = lookUpRepeats();
        long bytes = 0;
        int stored = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + s + ".messages (\"offset\", id, "
                + "topic, received_at, trace_id, bytes, envelope) VALUES (?, ?, ?, ?, ?, ?, ?::json)")) {
            for (HeldAppend append : held) {
                EncodedMessage message = append.message;
                String id = message.envelope().id();
                if (append.since != null) {
                    append.earlier = repeats.earlier(id, append.since);
                    if (append.earlier != null) {
                        continue;
                    }
                }
                append.offset = ++offset;
                if (id != null) {
                    repeats.storing(new StoredMessage(append.offset, message.receivedAt(), message.envelope()));
                }
                insert.setLong(1, append.offset);
                insert.setString(2, id);
                insert.setString(3, message.envelope().topic());
                PostgresCodec.setInstant(insert, 4, message.receivedAt());
                insert.setString(5, message.envelope().metadata().traceId());
                insert.setInt(6, message.bytes());
                insert.setString(7, message.json());
                insert.addBatch();
                bytes += message.bytes();
                stored++;
            }
            if (stored > 0) {
                insert.executeBatch();
            }
        }
        if (stored > 0) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + s + ".log_state SET "
                    + "last_offset = ?, messages = messages + ?, bytes = bytes + ?");
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                update.setLong(1, offset);
                update.setLong(2, stored);
                update.setLong(3, bytes);
                update.executeUpdate();
                // Delivered at commit, to every node listening, only if the transaction commits.
                notify.setString(1, appendedChannel);
                notify.setString(2, Long.toString(offset));
                notify.execute();
            }
        }
        held.clear();
    }

    /** Only the ids of appends that check for repeats. */
    private IdRepeats lookUpRepeats() throws SQLException {
        List<String> ids = held.stream().filter(append -> append.since != null)
                .map(append -> append.message.envelope().id()).distinct().toList();
        return IdRepeats.lookUp(connection, s, ids);
    }

    Supplier<Void> saveConsumer(ConsumerState state) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + s + ".consumers (name, "
                + "topic_filter, group_name, ack_floor, cursor_offset) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO "
                + "UPDATE SET topic_filter = excluded.topic_filter, group_name = excluded.group_name, "
                + "ack_floor = excluded.ack_floor, cursor_offset = excluded.cursor_offset");
             PreparedStatement clear = connection.prepareStatement("DELETE FROM " + s
                     + ".consumer_pending WHERE consumer = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + s + ".consumer_pending (consumer, "
                     + "\"offset\", message_id, deliveries, first_delivered, last_error) VALUES (?, ?, ?, ?, ?, ?)")) {
            upsert.setString(1, state.name());
            upsert.setString(2, state.filter());
            upsert.setString(3, state.group());
            upsert.setLong(4, state.ackFloor());
            upsert.setLong(5, state.cursor());
            upsert.executeUpdate();
            clear.setString(1, state.name());
            clear.executeUpdate();
            for (PendingDelivery pending : state.pending()) {
                insert.setString(1, state.name());
                insert.setLong(2, pending.offset());
                insert.setString(3, pending.messageId());
                insert.setInt(4, pending.deliveries());
                PostgresCodec.setInstant(insert, 5, PostgresCodec.micros(pending.firstDelivered()));
                insert.setString(6, pending.lastError());
                insert.addBatch();
            }
            if (!state.pending().isEmpty()) {
                insert.executeBatch();
            }
        }
        return () -> null;
    }

    /**
     * Inserts the letter, or merges it into the letter of an earlier death of the same message for
     * the same subscriber. An advisory lock on that pair, held to the commit, keeps two nodes from
     * both inserting a first death.
     */
    Supplier<DeadLetter> addDeadLetter(EncodedLetter encoded) throws SQLException {
        DeadLetter letter = encoded.letter();
        DeadLetter existing = null;
        if (letter.message().id() != null) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
                 PreparedStatement find = connection.prepareStatement("SELECT " + PostgresCodec.DEAD_LETTER_COLUMNS
                         + " FROM " + s + ".dead_letters WHERE message_id = ? AND subscriber IS NOT DISTINCT FROM ? "
                         + "ORDER BY seq LIMIT 1")) {
                // A JSON array names the pair unambiguously, whatever characters the id or subscriber hold.
                lock.setString(1, deathKey(letter));
                lock.execute();
                find.setString(1, letter.message().id());
                find.setString(2, letter.death().subscriber());
                try (ResultSet row = find.executeQuery()) {
                    existing = row.next() ? PostgresCodec.deadLetter(row) : null;
                }
            }
        }
        DeadLetter stored = existing == null ? letter : existing.diedAgain(letter);
        DeathRecord death = stored.death();
        String sql = existing == null
                ? "INSERT INTO " + s + ".dead_letters (reason, original_topic, delivery_count, last_death, deaths, "
                        + "last_error, envelope, first_death, message_id, subscriber, id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?)"
                : "UPDATE " + s + ".dead_letters SET reason = ?, original_topic = ?, delivery_count = ?, last_death = ?, "
                        + "deaths = ?, last_error = ?, envelope = ?::json WHERE id = ?";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setString(1, death.reason().wireName());
            write.setString(2, death.originalTopic());
            write.setInt(3, death.deliveryCount());
            PostgresCodec.setInstant(write, 4, death.lastDeath());
            write.setInt(5, death.deaths());
            write.setString(6, death.lastError());
            write.setString(7, encoded.json());
            if (existing == null) {
                PostgresCodec.setInstant(write, 8, death.firstDeath());
                write.setString(9, letter.message().id());
                write.setString(10, death.subscriber());
                write.setString(11, letter.id());
            } else {
                write.setString(8, stored.id());
            }
            write.executeUpdate();
        }
        return () -> stored;
    }

    private String deathKey(DeadLetter letter) {
        ArrayNode key = Json.mapper().createArrayNode().add("kmb-dlq").add(schema).add(letter.message().id())
                .add(letter.death().subscriber());
        return key.toString();
    }

    @Override
    public void close() {
        PostgresSchema.closeQuietly(connection);
        connection = null;
    }
}
