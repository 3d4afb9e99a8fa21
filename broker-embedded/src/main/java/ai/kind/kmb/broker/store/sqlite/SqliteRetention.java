package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.broker.store.RetentionPolicy;
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
            deleted = delete(connection, "received_at < ?", SqliteCodec.ceilMicros(now.minus(policy.maxAge())));
        }
        for (Map.Entry<String, Instant> topic : policy.topicCutoffs(now).entrySet()) {
            // A range of the (topic, received_at) index: only the rows that go are read.
            deleted = deleted.plus(delete(connection, "topic = ? AND received_at < ?", topic.getKey(),
                    SqliteCodec.ceilMicros(topic.getValue())));
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
            deleted = deleted.plus(delete(connection, "offset <= ?", through));
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

    private static Deleted delete(Connection connection, String condition, Object... bounds) throws SQLException {
        Deleted deleted;
        try (PreparedStatement totals = connection.prepareStatement(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM messages WHERE " + condition)) {
            bind(totals, bounds);
            try (ResultSet row = totals.executeQuery()) {
                row.next();
                deleted = new Deleted(row.getLong(1), row.getLong(2));
            }
        }
        if (deleted.messages() > 0) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM messages WHERE " + condition)) {
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
