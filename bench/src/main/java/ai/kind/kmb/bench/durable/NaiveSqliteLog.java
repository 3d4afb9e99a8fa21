package ai.kind.kmb.bench.durable;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The naive durable log: one INSERT per message, each its own transaction, on a WAL database with
 * {@code synchronous=FULL}, so every message waits for an fsync of its own. As safe as KMB's group
 * commit, and what one writes first; the benchmark shows what batching the fsyncs buys.
 *
 * <p>SQLite has one writer, so concurrent publishers take turns on one connection here, as they
 * would on any single-writer log without group commit.
 */
final class NaiveSqliteLog implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement insert;

    NaiveSqliteLog(Path file) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("CREATE TABLE messages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, topic TEXT NOT NULL, "
                    + "received_us INTEGER NOT NULL, envelope BLOB NOT NULL)");
            // The lookups a message log needs anyway; each index is written by every insert.
            statement.execute("CREATE INDEX messages_topic ON messages (topic)");
            statement.execute("CREATE INDEX messages_received ON messages (received_us)");
        }
        insert = connection.prepareStatement(
                "INSERT INTO messages (id, topic, received_us, envelope) VALUES (?, ?, ?, ?) RETURNING seq");
    }

    /** Stamps, encodes and commits one message; returns its sequence number once it is on disk. */
    synchronized long append(Envelope message) throws SQLException {
        Instant now = Instant.now();
        Envelope stamped = message.stamped(now);
        insert.setString(1, stamped.id());
        insert.setString(2, stamped.topic());
        insert.setLong(3, ChronoUnit.MICROS.between(Instant.EPOCH, now));
        insert.setBytes(4, EnvelopeCodec.toJsonBytes(stamped));
        try (ResultSet generated = insert.executeQuery()) {
            generated.next();
            return generated.getLong(1);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
