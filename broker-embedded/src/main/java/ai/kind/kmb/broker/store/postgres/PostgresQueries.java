package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.MessageLog.LogStats;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
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

/** The reading SQL, as functions of a connection and the schema. */
final class PostgresQueries {
    /** Rows fetched per round trip when a wildcard filter makes SQL return more rows than match. */
    private static final int MIN_BATCH = 256;
    private static final int MAX_BATCH = 4_096;

    private final String s;

    PostgresQueries(String schema) {
        this.s = PostgresSchema.quoted(schema);
    }

    List<StoredMessage> readAfter(Connection connection, long afterOffset, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PostgresCodec.MESSAGE_COLUMNS
                + " FROM " + s + ".messages WHERE \"offset\" > ? ORDER BY \"offset\" LIMIT ?")) {
            select.setLong(1, afterOffset);
            select.setInt(2, limit);
            return messages(select);
        }
    }

    /** The messages at these offsets that are still in the log, in offset order. */
    List<StoredMessage> readOffsets(Connection connection, Long[] offsets) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PostgresCodec.MESSAGE_COLUMNS
                + " FROM " + s + ".messages WHERE \"offset\" = ANY (?) ORDER BY \"offset\"")) {
            select.setArray(1, connection.createArrayOf("bigint", offsets));
            return messages(select);
        }
    }

    /**
     * Time range, trace id and the offset cursor are exact in SQL; a topic filter is narrowed to its
     * literal prefix there (the column's "C" collation makes the range bytewise) and matched exactly
     * here, on the topic column, before an envelope is decoded. Pages until {@code limit} match.
     */
    List<StoredMessage> history(Connection connection, HistoryQuery query) throws SQLException {
        StringBuilder where = new StringBuilder("\"offset\" > ?");
        List<Object> parameters = new ArrayList<>();
        if (query.from() != null) {
            where.append(" AND received_at >= ?");
            parameters.add(PostgresCodec.ceilMicros(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND received_at < ?");
            parameters.add(PostgresCodec.ceilMicros(query.to()));
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
        String sql = "SELECT " + PostgresCodec.MESSAGE_COLUMNS + ", topic FROM " + s + ".messages WHERE " + where
                + " ORDER BY \"offset\" LIMIT " + batch;
        List<StoredMessage> page = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            long cursor = query.after();
            while (true) {
                select.setLong(1, cursor);
                for (int i = 0; i < parameters.size(); i++) {
                    bind(select, i + 2, parameters.get(i));
                }
                int rows = 0;
                try (ResultSet row = select.executeQuery()) {
                    while (page.size() < query.limit() && row.next()) {
                        rows++;
                        cursor = row.getLong("offset");
                        if (filter == null || filter.matches(row.getString("topic"))) {
                            page.add(PostgresCodec.message(row));
                        }
                    }
                }
                if (page.size() == query.limit() || rows < batch) {
                    return page;
                }
            }
        }
    }

    OptionalLong firstOffset(Connection connection) throws SQLException {
        return optionalLong(connection, "SELECT min(\"offset\") FROM " + s + ".messages", null);
    }

    OptionalLong firstOffsetAtOrAfter(Connection connection, Instant time) throws SQLException {
        return optionalLong(connection, "SELECT min(\"offset\") FROM " + s + ".messages WHERE received_at >= ?",
                PostgresCodec.ceilMicros(time));
    }

    Optional<StoredMessage> findById(Connection connection, String messageId, Instant since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PostgresCodec.MESSAGE_COLUMNS
                + " FROM " + s + ".messages WHERE id = ? AND (?::timestamptz IS NULL OR received_at >= ?) "
                + "ORDER BY \"offset\" DESC LIMIT 1")) {
            select.setString(1, messageId);
            PostgresCodec.setInstant(select, 2, since == null ? null : PostgresCodec.ceilMicros(since));
            PostgresCodec.setInstant(select, 3, since == null ? null : PostgresCodec.ceilMicros(since));
            return messages(select).stream().findFirst();
        }
    }

    /** The log's row: its highest offset ever and its totals, kept by every append and trim. */
    LogState logState(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_offset, messages, bytes FROM " + s
                + ".log_state");
             ResultSet row = select.executeQuery()) {
            row.next();
            return new LogState(row.getLong(1), new LogStats(row.getLong(2), row.getLong(3)));
        }
    }

    record LogState(long lastOffset, LogStats stats) {
    }

    /** One consumer, or every one (name null), with their pending deliveries; run in one transaction. */
    List<ConsumerState> consumers(Connection connection, String name) throws SQLException {
        String where = name == null ? "" : " WHERE consumer = ?";
        Map<String, List<PendingDelivery>> pending = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT consumer, " + PostgresCodec.PENDING_COLUMNS
                + " FROM " + s + ".consumer_pending" + where + " ORDER BY consumer, \"offset\"")) {
            if (name != null) {
                select.setString(1, name);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    pending.computeIfAbsent(row.getString("consumer"), n -> new ArrayList<>()).add(PostgresCodec.pending(row));
                }
            }
        }
        List<ConsumerState> consumers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PostgresCodec.CONSUMER_COLUMNS
                + " FROM " + s + ".consumers" + (name == null ? "" : " WHERE name = ?") + " ORDER BY name COLLATE \"C\"")) {
            if (name != null) {
                select.setString(1, name);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    consumers.add(PostgresCodec.consumer(row, pending.getOrDefault(row.getString("name"), List.of())));
                }
            }
        }
        return consumers;
    }

    /** Newest death first; rows are read only as far as {@code limit} matches need. */
    List<DeadLetter> deadLetters(Connection connection, DeadLetterQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.reason() != null) {
            conditions.add("reason = ?");
            parameters.add(query.reason().wireName());
        }
        if (query.originalTopic() != null) {
            conditions.add(topicCondition("original_topic", query.originalTopic(), parameters));
        }
        String sql = "SELECT " + PostgresCodec.DEAD_LETTER_COLUMNS + " FROM " + s + ".dead_letters"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY last_death DESC NULLS LAST, seq DESC";
        int limit = query.limit() > 0 ? query.limit() : Integer.MAX_VALUE;
        List<DeadLetter> letters = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(256);
            for (int i = 0; i < parameters.size(); i++) {
                bind(select, i + 1, parameters.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (letters.size() < limit && row.next()) {
                    DeadLetter letter = PostgresCodec.deadLetter(row);
                    if (query.matches(letter)) {
                        letters.add(letter);
                    }
                }
            }
        }
        return letters;
    }

    Optional<DeadLetter> deadLetter(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PostgresCodec.DEAD_LETTER_COLUMNS
                + " FROM " + s + ".dead_letters WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(PostgresCodec.deadLetter(row)) : Optional.empty();
            }
        }
    }

    /**
     * Narrows a topic column to what the filter can match: the exact name, or the literal segments
     * before the first wildcard as {@code col = 'p' OR col >= 'p.' AND col < 'p/'}; a filter starting
     * with a wildcard skips system topics. The caller matches exactly afterwards.
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

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant time) {
            PostgresCodec.setInstant(statement, index, time);
        } else {
            statement.setObject(index, value);
        }
    }

    private static List<StoredMessage> messages(PreparedStatement select) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                messages.add(PostgresCodec.message(row));
            }
        }
        return messages;
    }

    private static OptionalLong optionalLong(Connection connection, String sql, Instant parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                PostgresCodec.setInstant(select, 1, parameter);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long value = row.getLong(1);
                return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
        }
    }
}
