package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Opens connections with the right settings and creates or upgrades the tables. The schema version
 * lives in {@code PRAGMA user_version}: 0 is a new file, {@link #VERSION} is this code's; a later
 * version adds a step to {@link #migrate} rather than editing {@link #VERSION_1}.
 */
final class SqliteSchema {
    static final int VERSION = 1;

    private static final List<String> VERSION_1 = List.of("""
            CREATE TABLE messages (
                offset      INTEGER PRIMARY KEY,  -- rowid alias: paging by offset walks the table's own B-tree
                id          TEXT,
                topic       TEXT    NOT NULL,
                received_at INTEGER NOT NULL,     -- microseconds since the epoch, UTC
                trace_id    TEXT,
                bytes       INTEGER NOT NULL,     -- length of the envelope's JSON, for stats and retention
                envelope    TEXT    NOT NULL      -- the envelope as EnvelopeCodec writes it
            )""",
            // Every index also holds the rowid, so each is effectively (column, offset): a topic or a
            // trace is read in offset order straight from its index.
            "CREATE INDEX messages_topic ON messages (topic)",
            "CREATE INDEX messages_received_at ON messages (received_at)",
            "CREATE INDEX messages_trace_id ON messages (trace_id) WHERE trace_id IS NOT NULL",
            "CREATE INDEX messages_id ON messages (id) WHERE id IS NOT NULL",
            // Values that must outlive the rows they describe, e.g. the highest offset ever given out
            // after retention deleted every message.
            "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
            """
            CREATE TABLE consumers (
                name          TEXT PRIMARY KEY,
                topic_filter  TEXT    NOT NULL,
                group_name    TEXT,
                ack_floor     INTEGER NOT NULL,
                cursor_offset INTEGER NOT NULL
            ) WITHOUT ROWID""",
            """
            CREATE TABLE consumer_pending (
                consumer        TEXT    NOT NULL,
                offset          INTEGER NOT NULL,
                message_id      TEXT,
                deliveries      INTEGER NOT NULL,
                first_delivered INTEGER,
                last_error      TEXT,
                PRIMARY KEY (consumer, offset)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE dead_letters (
                seq            INTEGER PRIMARY KEY,  -- insertion order: the tie-break between equal death times
                id             TEXT    NOT NULL UNIQUE,
                message_id     TEXT,
                subscriber     TEXT,
                reason         TEXT    NOT NULL,
                original_topic TEXT    NOT NULL,
                delivery_count INTEGER NOT NULL,
                first_death    INTEGER,
                last_death     INTEGER,
                deaths         INTEGER NOT NULL,
                last_error     TEXT,
                envelope       TEXT    NOT NULL
            )""",
            "CREATE INDEX dead_letters_message ON dead_letters (message_id) WHERE message_id IS NOT NULL",
            "CREATE INDEX dead_letters_last_death ON dead_letters (last_death, seq)",
            "CREATE INDEX dead_letters_topic ON dead_letters (original_topic)");

    /** What the writer needs to know about the log when it starts. */
    record LogState(long lastOffset, long messages, long bytes) {
    }

    private SqliteSchema() {
    }

    /**
     * Opens the writer's connection: WAL, so readers never wait for the writer; synchronous=FULL, so
     * a commit is fsynced before the writer completes anything; then creates or checks the schema.
     */
    static Connection openWriter(Path file, SqliteStoreOptions options) {
        Connection connection = connect(file);
        try (Statement statement = connection.createStatement()) {
            int version = userVersion(statement);
            if (version > VERSION) {
                throw new KmbException(ErrorCode.UNAVAILABLE, "message store " + file + " has schema version "
                        + version + ", written by a newer KMB; this one knows versions up to " + VERSION);
            }
            if (version == 0) {
                // Must precede the first table: it lets retention hand freed pages back to the disk.
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
            }
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                    throw new KmbException(ErrorCode.UNAVAILABLE, "message store " + file
                            + ": SQLite refused write-ahead logging on this file system");
                }
            }
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA busy_timeout = 5000");
            if (options.maxDatabaseBytes() > 0) {
                long pageSize = longPragma(statement, "page_size");
                statement.execute("PRAGMA max_page_count = " + Math.max(1, options.maxDatabaseBytes() / pageSize));
            }
            migrate(statement, version);
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw openFailure(file, e);
        }
    }

    /** A read connection: it can only read, and waits out the rare moments a checkpoint locks the file. */
    static Connection openReader(Path file) {
        Connection connection = connect(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = ON");
            statement.execute("PRAGMA busy_timeout = 5000");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw openFailure(file, e);
        }
    }

    static LogState logState(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet totals = statement.executeQuery("""
                     SELECT count(*), coalesce(sum(bytes), 0), coalesce(max(offset), 0),
                            coalesce((SELECT value FROM store_meta WHERE key = 'last_offset'), 0)
                     FROM messages""")) {
            totals.next();
            return new LogState(Math.max(totals.getLong(3), totals.getLong(4)), totals.getLong(1), totals.getLong(2));
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the connection is being abandoned either way.
        }
    }

    private static void migrate(Statement statement, int from) throws SQLException {
        if (from == VERSION) {
            return;
        }
        statement.execute("BEGIN IMMEDIATE");
        try {
            if (from < 1) {
                for (String ddl : VERSION_1) {
                    statement.execute(ddl);
                }
            }
            statement.execute("PRAGMA user_version = " + VERSION);
            statement.execute("COMMIT");
        } catch (SQLException e) {
            statement.execute("ROLLBACK");
            throw e;
        }
    }

    private static Connection connect(Path file) {
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw openFailure(file, e);
        }
    }

    private static int userVersion(Statement statement) throws SQLException {
        return (int) longPragma(statement, "user_version");
    }

    private static long longPragma(Statement statement, String name) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static KmbException openFailure(Path file, Exception e) {
        if (e instanceof KmbException kmb) {
            return kmb;
        }
        if (e instanceof SQLException sql && SqliteErrors.isNotADatabase(sql)) {
            return new KmbException(ErrorCode.UNAVAILABLE, "cannot open message store " + file
                    + ": the file is not a SQLite database or is damaged (" + sql.getMessage() + ")", List.of(), e);
        }
        return SqliteErrors.failure(file, "open the database", e);
    }
}
