package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Agents' snapshots in the bus's schema, one row each, so that every node sees every node's and
 * they outlive the nodes. "Newest" is the highest {@code seq}, which an identity hands out in the
 * order saves reach PostgreSQL. Each call is one autocommit statement on the read pool, not the
 * group-commit writer: a save of megabytes should not hold up the appends queued behind it, and a
 * save returns once committed (with the default {@code synchronous_commit = on}, once its WAL is
 * on disk). Pruning is one statement too, so two nodes pruning at once delete each row once.
 */
final class PostgresSnapshots implements SnapshotRecords {
    private static final String COLUMNS = "id, agent, covers, filters, taken_at, bytes";

    private final PostgresPool pool;
    private final String table;

    PostgresSnapshots(PostgresPool pool, String schema) {
        this.pool = pool;
        this.table = PostgresSchema.quoted(schema) + ".snapshots";
    }

    /**
     * Creates the table if absent, like the outbox, so that a store made by an earlier KMB gains it
     * without a layout version of its own. {@code agent} sorts bytewise ("C"), as the other engines
     * list agents; {@code state} is {@code json}, which keeps the text as the agent's JSON wrote it.
     */
    static void createIfAbsent(Statement statement, String schema) throws SQLException {
        String s = PostgresSchema.quoted(schema);
        statement.execute("""
                CREATE TABLE IF NOT EXISTS %s.snapshots (
                    seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id       text NOT NULL UNIQUE,
                    agent    text COLLATE "C" NOT NULL,
                    covers   bigint NOT NULL,   -- the last log offset the state covers
                    filters  text[] NOT NULL,
                    taken_at timestamptz NOT NULL,
                    bytes    bigint NOT NULL,   -- length of the state's UTF-8 JSON
                    state    json NOT NULL
                )""".formatted(s));
        statement.execute("CREATE INDEX IF NOT EXISTS snapshots_by_agent ON " + s + ".snapshots (agent, seq)");
    }

    @Override
    public void save(Snapshot snapshot) {
        SnapshotInfo info = snapshot.info();
        String state = write(snapshot.state());
        pool.run("save a snapshot of agent " + info.agent(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                    + ", state) VALUES (?, ?, ?, ?, ?, ?, ?::json)")) {
                insert.setString(1, info.id());
                insert.setString(2, info.agent());
                insert.setLong(3, info.offset());
                insert.setArray(4, connection.createArrayOf("text", info.filters().toArray()));
                PostgresCodec.setInstant(insert, 5, PostgresCodec.micros(info.takenAt()));
                insert.setLong(6, info.bytes());
                insert.setString(7, state);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Snapshot> latest(String agent) {
        return one("read the latest snapshot of agent " + agent, "WHERE agent = ? ORDER BY seq DESC LIMIT 1", agent);
    }

    @Override
    public Optional<Snapshot> get(String agent, String id) {
        return one("read snapshot " + id + " of agent " + agent, "WHERE agent = ? AND id = ?", agent, id);
    }

    @Override
    public List<SnapshotInfo> history(String agent) {
        return infos("list the snapshots of agent " + agent, "SELECT " + COLUMNS + " FROM " + table
                + " WHERE agent = ? ORDER BY seq DESC", agent);
    }

    /** One index scan: the newest row of each agent. */
    @Override
    public List<SnapshotInfo> agents() {
        return infos("list the agents' snapshots", "SELECT DISTINCT ON (agent) " + COLUMNS + " FROM " + table
                + " ORDER BY agent, seq DESC");
    }

    /** Rows older than the agent's {@code keep}-th newest; none when it has no more than that. */
    @Override
    public int prune(String agent, int keep) {
        return pool.run("prune the snapshots of agent " + agent, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE agent = ? AND seq < (SELECT seq FROM " + table
                    + " WHERE agent = ? ORDER BY seq DESC OFFSET ? LIMIT 1)")) {
                delete.setString(1, agent);
                delete.setString(2, agent);
                delete.setInt(3, Math.max(1, keep) - 1);
                return delete.executeUpdate();
            }
        });
    }

    private Optional<Snapshot> one(String action, String condition, String... parameters) {
        return pool.run(action, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", state::text AS state"
                    + " FROM " + table + " " + condition)) {
                bind(select, parameters);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Snapshot(info(row), read(row.getString("state"))))
                            : Optional.empty();
                }
            }
        });
    }

    private List<SnapshotInfo> infos(String action, String sql, String... parameters) {
        return pool.run(action, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, parameters);
                List<SnapshotInfo> infos = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        infos.add(info(row));
                    }
                }
                return infos;
            }
        });
    }

    private static void bind(PreparedStatement statement, String... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
    }

    private static SnapshotInfo info(ResultSet row) throws SQLException {
        return new SnapshotInfo(row.getString("id"), row.getString("agent"), row.getLong("covers"),
                Arrays.asList((String[]) row.getArray("filters").getArray()), PostgresCodec.instant(row, "taken_at"),
                row.getLong("bytes"));
    }

    private static String write(JsonNode state) {
        try {
            return Json.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a snapshot's state is not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot's state does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
