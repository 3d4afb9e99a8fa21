package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.DeadLetter;
import ai.kind.kmb.broker.store.DeadLetterQuery;
import ai.kind.kmb.broker.store.HistoryQuery;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The reading SQL, as functions of a connection: the read pool runs them, and so does the writer
 * when a write must first find what it changes (purging dead letters by topic filter).
 */
final class SqliteQueries {
    /** Rows fetched per round trip when a wildcard filter makes SQL return more rows than match. */
    private static final int MIN_BATCH = 256;
    private static final int MAX_BATCH = 4_096;

    private SqliteQueries() {
    }

    static List<StoredMessage> readAfter(Connection connection, long afterOffset, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqliteCodec.MESSAGE_COLUMNS
                + " FROM messages WHERE offset > ? ORDER BY offset LIMIT ?")) {
            select.setLong(1, afterOffset);
            select.setInt(2, limit);
            return messages(select);
        }
    }

    /**
     * Time range, trace id and the offset cursor are exact in SQL; a topic filter is narrowed in SQL
     * to its literal prefix and matched exactly here, on the topic column, before an envelope is
     * decoded. Pages through the log until {@code limit} messages match or the log ends.
     */
    static List<StoredMessage> history(Connection connection, HistoryQuery query) throws SQLException {
        StringBuilder where = new StringBuilder("offset > ?");
        List<Object> parameters = new ArrayList<>();
        if (query.from() != null) {
            where.append(" AND received_at >= ?");
            parameters.add(SqliteCodec.ceilMicros(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND received_at < ?");
            parameters.add(SqliteCodec.ceilMicros(query.to()));
        }
        if (query.traceId() != null) {
            where.append(" AND trace_id = ?");
            parameters.add(query.traceId());
        }
        TopicFilter filter = query.filter();
        if (filter != null) {
            where.append(" AND ").append(topicCondition("topic", filter, parameters));
        }
        int batch = filter == null || filter.isLiteral() ? query.limit()
                : Math.min(MAX_BATCH, Math.max(MIN_BATCH, query.limit()));
        String sql = "SELECT offset, received_at, topic, envelope FROM messages WHERE " + where
                + " ORDER BY offset LIMIT " + batch;
        List<StoredMessage> page = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            long cursor = query.after();
            while (true) {
                select.setLong(1, cursor);
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 2, parameters.get(i));
                }
                int rows = 0;
                try (ResultSet row = select.executeQuery()) {
                    while (page.size() < query.limit() && row.next()) {
                        rows++;
                        cursor = row.getLong("offset");
                        if (filter == null || filter.matches(row.getString("topic"))) {
                            page.add(SqliteCodec.message(row));
                        }
                    }
                }
                if (page.size() == query.limit() || rows < batch) {
                    return page;
                }
            }
        }
    }

    static OptionalLong firstOffset(Connection connection) throws SQLException {
        return optionalLong(connection, "SELECT min(offset) FROM messages", null);
    }

    static OptionalLong firstOffsetAtOrAfter(Connection connection, Instant time) throws SQLException {
        return optionalLong(connection, "SELECT min(offset) FROM messages WHERE received_at >= ?",
                SqliteCodec.ceilMicros(time));
    }

    static Optional<StoredMessage> findById(Connection connection, String messageId, Instant since)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqliteCodec.MESSAGE_COLUMNS
                + " FROM messages WHERE id = ? AND received_at >= ? ORDER BY offset DESC LIMIT 1")) {
            select.setString(1, messageId);
            select.setLong(2, since == null ? Long.MIN_VALUE : SqliteCodec.ceilMicros(since));
            return messages(select).stream().findFirst();
        }
    }

    static Optional<ConsumerState> consumer(Connection connection, String name) throws SQLException {
        List<PendingDelivery> pending = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqliteCodec.PENDING_COLUMNS
                + " FROM consumer_pending WHERE consumer = ? ORDER BY offset")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    pending.add(SqliteCodec.pending(row));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqliteCodec.CONSUMER_COLUMNS
                + " FROM consumers WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(SqliteCodec.consumer(row, pending)) : Optional.empty();
            }
        }
    }

    static List<ConsumerState> consumers(Connection connection) throws SQLException {
        Map<String, List<PendingDelivery>> pending = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT consumer, " + SqliteCodec.PENDING_COLUMNS
                + " FROM consumer_pending ORDER BY consumer, offset");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                pending.computeIfAbsent(row.getString("consumer"), name -> new ArrayList<>()).add(SqliteCodec.pending(row));
            }
        }
        List<ConsumerState> consumers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqliteCodec.CONSUMER_COLUMNS
                + " FROM consumers ORDER BY name");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                consumers.add(SqliteCodec.consumer(row, pending.getOrDefault(row.getString("name"), List.of())));
            }
        }
        return consumers;
    }

    /** Newest death first; the statement is stepped only as far as {@code limit} matches need. */
    static List<DeadLetter> deadLetters(Connection connection, DeadLetterQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.reason() != null) {
            conditions.add("reason = ?");
            parameters.add(query.reason().wireName());
        }
        if (query.originalTopic() != null) {
            conditions.add(topicCondition("original_topic", query.originalTopic(), parameters));
        }
        String sql = "SELECT " + SqliteCodec.DEAD_LETTER_COLUMNS + " FROM dead_letters"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY last_death DESC, seq DESC";
        int limit = query.limit() > 0 ? query.limit() : Integer.MAX_VALUE;
        List<DeadLetter> letters = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (letters.size() < limit && row.next()) {
                    DeadLetter letter = SqliteCodec.deadLetter(row);
                    if (query.matches(letter)) {
                        letters.add(letter);
                    }
                }
            }
        }
        return letters;
    }

    static Optional<DeadLetter> deadLetter(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqliteCodec.DEAD_LETTER_COLUMNS
                + " FROM dead_letters WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(SqliteCodec.deadLetter(row)) : Optional.empty();
            }
        }
    }

    /**
     * Narrows a topic column to what the filter can match, using the column's index: the exact name
     * for a literal filter; otherwise the literal segments before the first wildcard, as
     * {@code col = 'p' OR col >= 'p.' AND col < 'p/'} ('/' is the character after '.'). A range
     * rather than {@code LIKE 'p.%'}: SQLite's LIKE ignores ASCII case and only uses an index under
     * NOCASE collation, and the range needs no escaping of '_'. A filter that starts with a wildcard
     * can still skip system topics ('_' sorts just before '`'). The caller matches exactly afterwards.
     */
    static String topicCondition(String column, TopicFilter filter, List<Object> parameters) {
        if (filter.isLiteral()) {
            parameters.add(filter.text());
            return column + " = ?";
        }
        List<String> prefix = new ArrayList<>();
        for (String segment : filter.segments()) {
            if (segment.equals(TopicFilter.ONE) || segment.equals(TopicFilter.ANY)) {
                break;
            }
            prefix.add(segment);
        }
        if (prefix.isEmpty()) {
            return "NOT (" + column + " >= '_' AND " + column + " < '`')";
        }
        String literal = String.join(".", prefix);
        parameters.add(literal);
        parameters.add(literal + ".");
        parameters.add(literal + "/");
        return "(" + column + " = ? OR (" + column + " >= ? AND " + column + " < ?))";
    }

    private static List<StoredMessage> messages(PreparedStatement select) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                messages.add(SqliteCodec.message(row));
            }
        }
        return messages;
    }

    private static OptionalLong optionalLong(Connection connection, String sql, Long parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setLong(1, parameter);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next(); // an aggregate always answers one row; min() of no rows is NULL
                long value = row.getLong(1);
                return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
        }
    }
}
