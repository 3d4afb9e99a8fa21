package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.TopicHead;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Deletions, run by the writer in its transaction: retention, consumers, dead letters. */
final class PostgresMaintenance {
    private final String s;
    private final PostgresQueries queries;

    PostgresMaintenance(String schema, PostgresQueries queries) {
        this.s = PostgresSchema.quoted(schema);
        this.queries = queries;
    }

    /** What went, to take off the log's totals. */
    private record Deleted(long messages, long bytes) {
        Deleted plus(Deleted other) {
            return new Deleted(messages + other.messages, bytes + other.bytes);
        }
    }

    /**
     * By age first (the whole log's, then each topic's own), then the oldest messages until the bytes
     * fit; returns how many messages went. Runs
     * under the log's row lock (taken first, as every append takes it), so the totals it reads and
     * moves are exact even with other nodes appending. The highest offset stays in that row, so
     * offsets are never given out again even when every message is gone.
     */
    long enforceRetention(PostgresWriteSession session, RetentionPolicy policy, Instant now) throws SQLException {
        Connection connection = session.connection();
        session.lockLog();
        long totalBytes = queries.logState(connection).stats().bytes();
        Deleted deleted = new Deleted(0, 0);
        if (policy.limitsAge()) {
            deleted = delete(connection, "received_at < ?", PostgresCodec.ceilMicros(now.minus(policy.maxAge())));
        }
        for (Map.Entry<String, Instant> topic : policy.topicCutoffs(now).entrySet()) {
            deleted = deleted.plus(deleteTopicHead(connection, topic.getKey(), topic.getValue()));
        }
        long remaining = totalBytes - deleted.bytes();
        if (policy.maxBytes() > 0 && remaining > policy.maxBytes()) {
            long excess = remaining - policy.maxBytes();
            long freed = 0;
            long through = 0;
            // Walks the oldest rows only as far as the excess reaches, by the primary key, a page at a time.
            try (PreparedStatement scan = connection.prepareStatement("SELECT \"offset\", bytes FROM " + s
                    + ".messages ORDER BY \"offset\"")) {
                scan.setFetchSize(1_000);
                try (ResultSet row = scan.executeQuery()) {
                    while (freed < excess && row.next()) {
                        through = row.getLong(1);
                        freed += row.getLong(2);
                    }
                }
            }
            deleted = deleted.plus(delete(connection, "\"offset\" <= ?", through));
        }
        if (deleted.messages() > 0) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + s + ".log_state SET "
                    + "messages = messages - ?, bytes = bytes - ?")) {
                update.setLong(1, deleted.messages());
                update.setLong(2, deleted.bytes());
                update.executeUpdate();
            }
        }
        return deleted.messages();
    }

    /**
     * The topic's oldest rows received before the cutoff ({@link TopicHead}): pages and the delete are
     * ranges of the (topic, offset) index.
     */
    private Deleted deleteTopicHead(Connection connection, String topic, Instant cutoff) throws SQLException {
        long through;
        try (PreparedStatement page = connection.prepareStatement("SELECT \"offset\", received_at >= ? FROM " + s
                + ".messages WHERE topic = ? AND \"offset\" > ? ORDER BY \"offset\" LIMIT ?")) {
            PostgresCodec.setInstant(page, 1, PostgresCodec.ceilMicros(cutoff));
            through = TopicHead.lastOffsetBefore(page, topic);
        }
        return through == 0 ? new Deleted(0, 0) : delete(connection, "topic = ? AND \"offset\" <= ?", topic, through);
    }

    private Deleted delete(Connection connection, String condition, Object... bounds) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("WITH gone AS (DELETE FROM " + s
                + ".messages WHERE " + condition + " RETURNING bytes) SELECT count(*), coalesce(sum(bytes), 0) FROM gone")) {
            for (int i = 0; i < bounds.length; i++) {
                if (bounds[i] instanceof Instant time) {
                    PostgresCodec.setInstant(delete, i + 1, time);
                } else {
                    delete.setObject(i + 1, bounds[i]);
                }
            }
            try (ResultSet row = delete.executeQuery()) {
                row.next();
                return new Deleted(row.getLong(1), row.getLong(2));
            }
        }
    }

    /** Pending deliveries go with it (ON DELETE CASCADE). */
    /** Deletes the saved state and, for a durable nodes share, its group and claims. */
    boolean deleteConsumer(Connection connection, String name) throws SQLException {
        int deleted = 0;
        for (String table : new String[] {"consumers", ConsumerGroupTables.GROUPS, ConsumerGroupTables.CLAIMS}) {
            String column = table.equals(ConsumerGroupTables.CLAIMS) ? "consumer" : "name";
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + s + "." + table + " WHERE "
                    + column + " = ?")) {
                delete.setString(1, name);
                deleted += delete.executeUpdate();
            }
        }
        return deleted > 0;
    }

    boolean removeDeadLetter(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + s + ".dead_letters WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
        }
    }

    /** Finds the matches exactly (topic filters are matched in Java), then deletes them by id. */
    int purgeDeadLetters(Connection connection, DeadLetterQuery query) throws SQLException {
        List<DeadLetter> matches = queries.deadLetters(connection,
                new DeadLetterQuery(query.reason(), query.originalTopic(), 0));
        if (matches.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + s
                + ".dead_letters WHERE id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("text", matches.stream().map(DeadLetter::id).toArray()));
            return delete.executeUpdate();
        }
    }
}
