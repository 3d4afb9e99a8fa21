package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Opens connections with the store's settings and creates or checks its tables. Everything lives
 * in one schema; {@code store_meta} holds the layout version (now {@link #VERSION}; a later version
 * adds a migration step rather than editing {@link #version1}). Creation runs under an advisory lock,
 * so nodes starting together do not race to create the same tables.
 */
final class PostgresSchema {
    static final int VERSION = 1;

    private PostgresSchema() {
    }

    /**
     * Topic columns use the "C" collation: bytewise order, so the prefix ranges history queries use
     * ({@code topic >= 'p.' AND topic < 'p/'}) mean exactly that, and the index serves them.
     * Envelopes are {@code json}, not {@code jsonb}: json keeps the text as written, so a message
     * reads back with its fields in their order, and the JSON operators still work on it.
     */
    private static List<String> version1(String s) {
        return List.of(
                "CREATE TABLE " + s + ".store_meta (key text PRIMARY KEY, value bigint NOT NULL)",
                // One row, locked by every transaction that appends or trims: offsets are handed out in
                // commit order across all nodes, and the totals stay exact without counting rows.
                "CREATE TABLE " + s + ".log_state (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), "
                        + "last_offset bigint NOT NULL, messages bigint NOT NULL, bytes bigint NOT NULL)",
                "INSERT INTO " + s + ".log_state (last_offset, messages, bytes) VALUES (0, 0, 0)",
                """
                CREATE TABLE %s.messages (
                    "offset"    bigint PRIMARY KEY,
                    id          text,
                    topic       text COLLATE "C" NOT NULL,
                    received_at timestamptz NOT NULL,
                    trace_id    text,
                    bytes       integer NOT NULL,   -- length of the envelope's UTF-8 JSON
                    envelope    json NOT NULL
                )""".formatted(s),
                "CREATE INDEX messages_topic ON " + s + ".messages (topic, \"offset\")",
                "CREATE INDEX messages_received_at ON " + s + ".messages (received_at)",
                "CREATE INDEX messages_trace_id ON " + s + ".messages (trace_id, \"offset\") WHERE trace_id IS NOT NULL",
                "CREATE INDEX messages_id ON " + s + ".messages (id) WHERE id IS NOT NULL",
                """
                CREATE TABLE %s.consumers (
                    name          text PRIMARY KEY,
                    topic_filter  text NOT NULL,
                    group_name    text,
                    ack_floor     bigint NOT NULL,
                    cursor_offset bigint NOT NULL
                )""".formatted(s),
                """
                CREATE TABLE %s.consumer_pending (
                    consumer        text NOT NULL REFERENCES %s.consumers (name) ON DELETE CASCADE,
                    "offset"        bigint NOT NULL,
                    message_id      text,
                    deliveries      integer NOT NULL,
                    first_delivered timestamptz,
                    last_error      text,
                    PRIMARY KEY (consumer, "offset")
                )""".formatted(s, s),
                """
                CREATE TABLE %s.dead_letters (
                    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- tie-break between equal death times
                    id             text NOT NULL UNIQUE,
                    message_id     text,
                    subscriber     text,
                    reason         text NOT NULL,
                    original_topic text COLLATE "C" NOT NULL,
                    delivery_count integer NOT NULL,
                    first_death    timestamptz,
                    last_death     timestamptz,
                    deaths         integer NOT NULL,
                    last_error     text,
                    envelope       json NOT NULL
                )""".formatted(s),
                "CREATE INDEX dead_letters_message ON " + s + ".dead_letters (message_id) WHERE message_id IS NOT NULL",
                "CREATE INDEX dead_letters_last_death ON " + s + ".dead_letters (last_death DESC NULLS LAST, seq DESC)",
                "CREATE INDEX dead_letters_topic ON " + s + ".dead_letters (original_topic)");
    }

    /** A connection with the store's time-outs, named so that pg_stat_activity shows whose it is. */
    static Connection connect(String jdbcUrl, PostgresStoreOptions options, String role) throws SQLException {
        return connect(jdbcUrl, options.schema(), role, options.connectTimeout(), options.socketTimeout());
    }

    static Connection connect(String jdbcUrl, String schema, String role, Duration connectTimeout,
                              Duration socketTimeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "kmb-" + role + ":" + schema);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Creates the schema and tables if absent; refuses a layout written by a newer KMB. */
    static void createOrCheck(Connection connection, PostgresStoreOptions options, String url) throws SQLException {
        String s = quoted(options.schema());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('kmb-schema:" + options.schema() + "', 0))");
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + s);
            int version = 0;
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + s + ".store_meta') IS NOT NULL")) {
                exists.next();
                if (exists.getBoolean(1)) {
                    try (ResultSet row = statement.executeQuery("SELECT value FROM " + s
                            + ".store_meta WHERE key = 'schema_version'")) {
                        version = row.next() ? row.getInt(1) : 0;
                    }
                }
            }
            if (version > VERSION) {
                throw new KmbException(ErrorCode.UNAVAILABLE, "message store " + url + " (schema " + options.schema()
                        + ") has layout version " + version + ", written by a newer KMB; this one knows versions up to "
                        + VERSION);
            }
            if (version < 1) {
                for (String ddl : version1(s)) {
                    statement.execute(ddl);
                }
                statement.execute("INSERT INTO " + s + ".store_meta (key, value) VALUES ('schema_version', " + VERSION
                        + ")");
            }
            Outbox.createIfAbsent(statement, options.schema(), options.outboxChannel());
            ConsumerGroupTables.createIfAbsent(statement, options.schema());
            PostgresSnapshots.createIfAbsent(statement, options.schema());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A schema name as an identifier; the options already restrict it to [a-z0-9_]. */
    static String quoted(String schema) {
        return "\"" + schema + "\"";
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The connection is being abandoned either way.
        }
    }
}
