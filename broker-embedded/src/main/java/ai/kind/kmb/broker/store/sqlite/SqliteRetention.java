package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.TopicHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

/**
 * Retention's SQL, run by the writer inside its transaction: by age first (the whole log's, then each
 * topic's own), then oldest first by size.
 */
final class SqliteRetention {
    /** The topic index holds (topic, rowid): one topic's rows in offset order. */
    static final String BY_TOPIC = "messages INDEXED BY messages_topic";
    static final String TOPIC_HEAD_PAGE = "SELECT offset, received_at >= ? FROM " + BY_TOPIC
            + " WHERE topic = ? AND offset > ? ORDER BY offset LIMIT ?";
    static final String TOPIC_HEAD = "topic = ? AND offset <= ?";

    /** What went: the caller takes it off its running totals. */
    record Deleted(long messages, long bytes) {
        Deleted plus(Deleted other) {
            return new Deleted(messages + other.messages, bytes + other.bytes);
        }
    }

    private SqliteRetention() {
    }

    /**
     * Deletes what the policy no longer keeps from a log of {@code totalBytes}, whose highest offset
     * ever given out is {@code lastOffset}.
     */
    static Deleted enforce(Connection connection, RetentionPolicy policy, Instant now, long totalBytes,
                           long lastOffset) throws SQLException {
        Deleted deleted = new Deleted(0, 0);
        if (policy.limitsAge()) {
            deleted = delete(connection, "messages", "received_at < ?",
                    SqliteCodec.ceilMicros(now.minus(policy.maxAge())));
        }
        for (Map.Entry<String, Instant> topic : policy.topicCutoffs(now).entrySet()) {
            deleted = deleted.plus(deleteTopicHead(connection, topic.getKey(), topic.getValue()));
        }
        long remaining = totalBytes - deleted.bytes();
        if (policy.maxBytes() > 0 && remaining > policy.maxBytes()) {
            long excess = remaining - policy.maxBytes();
            long freed = 0;
            long through = 0;
            // Walks the oldest rows only as far as the excess reaches, by the primary key.
            try (Statement scan = connection.createStatement();
                 ResultSet row = scan.executeQuery("SELECT offset, bytes FROM messages ORDER BY offset")) {
                while (freed < excess && row.next()) {
                    through = row.getLong(1);
                    freed += row.getLong(2);
                }
            }
            deleted = deleted.plus(delete(connection, "messages", "offset <= ?", through));
        }
        if (deleted.messages() > 0) {
            try (Statement statement = connection.createStatement()) {
                // Deleting the newest rows must not let their offsets be given out again after a restart.
                statement.execute("INSERT INTO store_meta (key, value) VALUES ('last_offset', " + lastOffset
                        + ") ON CONFLICT (key) DO UPDATE SET value = excluded.value");
                // Hands the freed pages back to the file system. The pragma frees one page per step;
                // executeUpdate(String) is the driver's path (sqlite3_exec) that steps it to the end.
                statement.executeUpdate("PRAGMA incremental_vacuum");
            }
        }
        return deleted;
    }

    /** The topic's oldest rows received before the cutoff ({@link TopicHead}), all on the topic index. */
    private static Deleted deleteTopicHead(Connection connection, String topic, Instant cutoff) throws SQLException {
        long through;
        try (PreparedStatement page = connection.prepareStatement(TOPIC_HEAD_PAGE)) {
            page.setLong(1, SqliteCodec.ceilMicros(cutoff));
            through = TopicHead.lastOffsetBefore(page, topic);
        }
        return through == 0 ? new Deleted(0, 0) : delete(connection, BY_TOPIC, TOPIC_HEAD, topic, through);
    }

    /** {@code table} may pin an index ({@code INDEXED BY}), so that statistics never talk the planner out of it. */
    private static Deleted delete(Connection connection, String table, String condition, Object... bounds)
            throws SQLException {
        Deleted deleted;
        try (PreparedStatement totals = connection.prepareStatement(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM " + table + " WHERE " + condition)) {
            bind(totals, bounds);
            try (ResultSet row = totals.executeQuery()) {
                row.next();
                deleted = new Deleted(row.getLong(1), row.getLong(2));
            }
        }
        if (deleted.messages() > 0) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE "
                    + condition)) {
                bind(delete, bounds);
                delete.executeUpdate();
            }
        }
        return deleted;
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
