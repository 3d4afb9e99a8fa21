package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots in their own SQLite file ({@value #FILE}) beside the message store's, so that the log's
 * retention, vacuum and writer never meet them. Saves are rare and small next to messages: one
 * connection, one statement at a time, each committed with {@code synchronous=FULL}.
 */
public final class SqliteSnapshotStore implements SnapshotStore {
    public static final String FILE = "snapshots.db";
    private static final String COLUMNS = "id, agent, covers, filters, taken_at, bytes";

    private final Connection connection;
    private final Path file;

    private SqliteSnapshotStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating) {@value #FILE} in {@code directory}. */
    public static SqliteSnapshotStore open(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement setup = connection.createStatement()) {
                setup.execute("PRAGMA journal_mode=WAL");
                setup.execute("PRAGMA synchronous=FULL");
                setup.execute("CREATE TABLE IF NOT EXISTS snapshots (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " id TEXT NOT NULL UNIQUE, agent TEXT NOT NULL, covers INTEGER NOT NULL, filters TEXT NOT NULL,"
                        + " taken_at INTEGER NOT NULL, bytes INTEGER NOT NULL, state TEXT NOT NULL)");
                setup.execute("CREATE INDEX IF NOT EXISTS snapshots_by_agent ON snapshots (agent, seq)");
            }
            return new SqliteSnapshotStore(file, connection);
        } catch (SQLException e) {
            throw failure("open", file, e);
        }
    }

    @Override
    public synchronized void save(Snapshot snapshot) {
        SnapshotInfo info = snapshot.info();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO snapshots (" + COLUMNS
                + ", state) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, info.id());
            insert.setString(2, info.agent());
            insert.setLong(3, info.offset());
            insert.setString(4, Json.mapper().writeValueAsString(info.filters()));
            insert.setLong(5, ChronoUnit.MICROS.between(Instant.EPOCH, info.takenAt()));
            insert.setLong(6, info.bytes());
            insert.setString(7, Json.mapper().writeValueAsString(snapshot.state()));
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw failure("save a snapshot in", file, e);
        }
    }

    @Override
    public synchronized Optional<Snapshot> latest(String agent) {
        return one("WHERE agent = ? ORDER BY seq DESC LIMIT 1", agent);
    }

    @Override
    public synchronized Optional<Snapshot> get(String agent, String id) {
        return one("WHERE agent = ? AND id = ?", agent, id);
    }

    @Override
    public synchronized List<SnapshotInfo> history(String agent) {
        return infos("SELECT " + COLUMNS + " FROM snapshots WHERE agent = ? ORDER BY seq DESC", agent);
    }

    @Override
    public synchronized List<SnapshotInfo> agents() {
        return infos("SELECT " + COLUMNS + " FROM snapshots WHERE seq IN (SELECT max(seq) FROM snapshots GROUP BY agent)"
                + " ORDER BY agent");
    }

    @Override
    public synchronized int prune(String agent, int keep) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM snapshots WHERE agent = ? AND seq NOT IN"
                + " (SELECT seq FROM snapshots WHERE agent = ? ORDER BY seq DESC LIMIT ?)")) {
            delete.setString(1, agent);
            delete.setString(2, agent);
            delete.setInt(3, Math.max(1, keep));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("prune snapshots in", file, e);
        }
    }

    private Optional<Snapshot> one(String condition, String... parameters) {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", state FROM snapshots "
                + condition)) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Snapshot(info(row), Json.mapper().readTree(row.getString("state"))))
                        : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw failure("read snapshots from", file, e);
        }
    }

    private List<SnapshotInfo> infos(String sql, String... parameters) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameters);
            List<SnapshotInfo> infos = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    infos.add(info(row));
                }
            }
            return infos;
        } catch (SQLException | JsonProcessingException e) {
            throw failure("read snapshots from", file, e);
        }
    }

    private static void bind(PreparedStatement statement, String... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
    }

    private static SnapshotInfo info(ResultSet row) throws SQLException, JsonProcessingException {
        return new SnapshotInfo(row.getString("id"), row.getString("agent"), row.getLong("covers"),
                Json.mapper().readValue(row.getString("filters"), new TypeReference<List<String>>() { }),
                Instant.EPOCH.plus(row.getLong("taken_at"), ChronoUnit.MICROS), row.getLong("bytes"));
    }

    private static KmbException failure(String action, Path file, Exception e) {
        return new KmbException(ErrorCode.INTERNAL, "cannot " + action + " " + file + ": " + e.getMessage(),
                List.of(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", file, e);
        }
    }
}
