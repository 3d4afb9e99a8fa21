package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.DeadLetter;
import ai.kind.kmb.broker.store.DeadLetterQuery;
import ai.kind.kmb.broker.store.DeathRecord;
import ai.kind.kmb.broker.store.MessageLog.LogStats;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The writes, on the writer thread's connection, inside the transaction {@link SqliteWriter} opens.
 * It also keeps the log's totals twice: as committed (what other threads see) and as written inside
 * the open transaction (what the next write builds on); a rollback throws the second away.
 */
final class WriteSession implements AutoCloseable {
    /** A message encoded on the caller's thread, so the writer thread only runs SQL. */
    record EncodedMessage(Envelope envelope, Instant receivedAt, byte[] json) {
    }

    /** A dead letter encoded on the caller's thread. */
    record EncodedLetter(DeadLetter letter, byte[] json) {
    }

    /** The log as of the last commit, published as one value so its parts always agree. */
    record Committed(long lastOffset, LogStats stats) {
    }

    private final Connection connection;
    // Not final: sqlite-jdbc finalizes a statement that fails, so after an error they are made anew.
    private Statement control;
    private PreparedStatement insertMessage;
    private PreparedStatement upsertConsumer;
    private PreparedStatement deletePending;
    private PreparedStatement insertPending;
    private PreparedStatement deleteConsumer;
    private PreparedStatement findLetter;
    private PreparedStatement insertLetter;
    private PreparedStatement updateLetter;
    private PreparedStatement deleteLetter;
    private boolean prepared;
    private volatile Committed committed;
    private long lastOffset;
    private long messages;
    private long bytes;

    WriteSession(Connection connection, SqliteSchema.LogState state) throws SQLException {
        this.connection = connection;
        prepare();
        this.lastOffset = state.lastOffset();
        this.messages = state.messages();
        this.bytes = state.bytes();
        this.committed = new Committed(lastOffset, new LogStats(messages, bytes));
    }

    private void prepare() throws SQLException {
        this.control = connection.createStatement();
        // CAST(? AS TEXT) stores the caller's UTF-8 bytes as text without a detour through a String.
        this.insertMessage = connection.prepareStatement("INSERT INTO messages (offset, id, topic, received_at, "
                + "trace_id, bytes, envelope) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT))");
        this.upsertConsumer = connection.prepareStatement("INSERT INTO consumers (name, topic_filter, group_name, "
                + "ack_floor, cursor_offset) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                + "topic_filter = excluded.topic_filter, group_name = excluded.group_name, "
                + "ack_floor = excluded.ack_floor, cursor_offset = excluded.cursor_offset");
        this.deletePending = connection.prepareStatement("DELETE FROM consumer_pending WHERE consumer = ?");
        this.insertPending = connection.prepareStatement("INSERT INTO consumer_pending (consumer, offset, message_id, "
                + "deliveries, first_delivered, last_error) VALUES (?, ?, ?, ?, ?, ?)");
        this.deleteConsumer = connection.prepareStatement("DELETE FROM consumers WHERE name = ?");
        this.findLetter = connection.prepareStatement("SELECT " + SqliteCodec.DEAD_LETTER_COLUMNS
                + " FROM dead_letters WHERE message_id = ? AND subscriber IS ? LIMIT 1");
        this.insertLetter = connection.prepareStatement("INSERT INTO dead_letters (id, message_id, subscriber, reason, "
                + "original_topic, delivery_count, first_death, last_death, deaths, last_error, envelope) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))");
        this.updateLetter = connection.prepareStatement("UPDATE dead_letters SET reason = ?, original_topic = ?, "
                + "delivery_count = ?, last_death = ?, deaths = ?, last_error = ?, envelope = CAST(? AS TEXT) "
                + "WHERE id = ?");
        this.deleteLetter = connection.prepareStatement("DELETE FROM dead_letters WHERE id = ?");
        prepared = true;
    }

    private void closeStatements() {
        prepared = false;
        for (Statement statement : new Statement[] {control, insertMessage, upsertConsumer, deletePending, insertPending,
                deleteConsumer, findLetter, insertLetter, updateLetter, deleteLetter}) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException ignored) {
                // Already finalized by the driver, which is why we are here.
            }
        }
    }

    Committed committed() {
        return committed;
    }

    void begin() throws SQLException {
        if (!prepared) {
            prepare();
        }
        // IMMEDIATE takes the write lock up front instead of failing to upgrade a read lock mid-batch.
        control.execute("BEGIN IMMEDIATE");
    }

    void commit() throws SQLException {
        control.execute("COMMIT");
        committed = new Committed(lastOffset, new LogStats(messages, bytes));
    }

    void rollback() {
        try (Statement rollback = connection.createStatement()) {
            rollback.execute("ROLLBACK");
        } catch (SQLException alreadyEnded) {
            // SQLite rolls back by itself on some errors (a full disk, an I/O error); nothing is left to undo.
        }
        closeStatements(); // the next begin() prepares them again
        Committed last = committed;
        lastOffset = last.lastOffset();
        messages = last.stats().messages();
        bytes = last.stats().bytes();
    }

    StoredMessage append(EncodedMessage message) throws SQLException {
        long offset = lastOffset + 1;
        Envelope envelope = message.envelope();
        insertMessage.setLong(1, offset);
        insertMessage.setString(2, envelope.id());
        insertMessage.setString(3, envelope.topic());
        insertMessage.setLong(4, SqliteCodec.micros(message.receivedAt()));
        insertMessage.setString(5, envelope.metadata().traceId());
        insertMessage.setLong(6, message.json().length);
        insertMessage.setBytes(7, message.json());
        insertMessage.executeUpdate();
        lastOffset = offset;
        messages++;
        bytes += message.json().length;
        return new StoredMessage(offset, message.receivedAt(), envelope);
    }

    Void saveConsumer(ConsumerState state) throws SQLException {
        upsertConsumer.setString(1, state.name());
        upsertConsumer.setString(2, state.filter());
        upsertConsumer.setString(3, state.group());
        upsertConsumer.setLong(4, state.ackFloor());
        upsertConsumer.setLong(5, state.cursor());
        upsertConsumer.executeUpdate();
        deletePending.setString(1, state.name());
        deletePending.executeUpdate();
        for (PendingDelivery pending : state.pending()) {
            insertPending.setString(1, state.name());
            insertPending.setLong(2, pending.offset());
            insertPending.setString(3, pending.messageId());
            insertPending.setInt(4, pending.deliveries());
            SqliteCodec.setInstant(insertPending, 5, pending.firstDelivered());
            insertPending.setString(6, pending.lastError());
            insertPending.addBatch();
        }
        if (!state.pending().isEmpty()) {
            insertPending.executeBatch();
        }
        return null;
    }

    boolean deleteConsumer(String name) throws SQLException {
        deletePending.setString(1, name);
        deletePending.executeUpdate();
        deleteConsumer.setString(1, name);
        return deleteConsumer.executeUpdate() > 0;
    }

    /** Inserts the letter, or merges it into the letter of an earlier death of the same message. */
    DeadLetter addDeadLetter(EncodedLetter encoded) throws SQLException {
        DeadLetter letter = encoded.letter();
        DeadLetter existing = null;
        if (letter.message().id() != null) {
            findLetter.setString(1, letter.message().id());
            findLetter.setString(2, letter.death().subscriber());
            try (ResultSet row = findLetter.executeQuery()) {
                existing = row.next() ? SqliteCodec.deadLetter(row) : null;
            }
        }
        if (existing != null) {
            DeadLetter merged = existing.diedAgain(letter);
            DeathRecord death = merged.death();
            updateLetter.setString(1, death.reason().wireName());
            updateLetter.setString(2, death.originalTopic());
            updateLetter.setInt(3, death.deliveryCount());
            SqliteCodec.setInstant(updateLetter, 4, death.lastDeath());
            updateLetter.setInt(5, death.deaths());
            updateLetter.setString(6, death.lastError());
            updateLetter.setBytes(7, encoded.json());
            updateLetter.setString(8, merged.id());
            updateLetter.executeUpdate();
            return merged;
        }
        DeathRecord death = letter.death();
        insertLetter.setString(1, letter.id());
        insertLetter.setString(2, letter.message().id());
        insertLetter.setString(3, death.subscriber());
        insertLetter.setString(4, death.reason().wireName());
        insertLetter.setString(5, death.originalTopic());
        insertLetter.setInt(6, death.deliveryCount());
        SqliteCodec.setInstant(insertLetter, 7, death.firstDeath());
        SqliteCodec.setInstant(insertLetter, 8, death.lastDeath());
        insertLetter.setInt(9, death.deaths());
        insertLetter.setString(10, death.lastError());
        insertLetter.setBytes(11, encoded.json());
        insertLetter.executeUpdate();
        return letter;
    }

    boolean removeDeadLetter(String id) throws SQLException {
        deleteLetter.setString(1, id);
        return deleteLetter.executeUpdate() > 0;
    }

    int purgeDeadLetters(DeadLetterQuery query) throws SQLException {
        DeadLetterQuery everyMatch = new DeadLetterQuery(query.reason(), query.originalTopic(), 0);
        int removed = 0;
        for (DeadLetter letter : SqliteQueries.deadLetters(connection, everyMatch)) {
            removed += removeDeadLetter(letter.id()) ? 1 : 0;
        }
        return removed;
    }

    /** By age first, then oldest first until the bytes fit; returns how many messages went. */
    long enforceRetention(RetentionPolicy policy, Instant now) throws SQLException {
        SqliteRetention.Deleted deleted = SqliteRetention.enforce(connection, policy, now, bytes, lastOffset);
        messages -= deleted.messages();
        bytes -= deleted.bytes();
        return deleted.messages();
    }

    @Override
    public void close() {
        closeStatements();
        try (connection; Statement optimize = connection.createStatement()) {
            optimize.execute("PRAGMA optimize");
        } catch (SQLException e) {
            // Closing is best effort; every write that reported success is already committed.
        }
    }
}
