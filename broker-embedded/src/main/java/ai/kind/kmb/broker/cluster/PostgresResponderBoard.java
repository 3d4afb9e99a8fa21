package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The responder board in the table {@code <schema>.node_responders}: a row per node with its filters,
 * its queue groups ({@code "<filter> <name>"}), its report of the durables it serves (the
 * {@link DurablesReport} JSON; null from a node of an earlier version) and the end of its heartbeat,
 * by the server's clock. Reading the listings never reads the reports. A change of listing is
 * announced by NOTIFY on {@code kmb_responders_<schema>}. The table is the cluster's, not the
 * store's: it is created when a node link first opens on the schema. One connection of its own,
 * opened again after a failure.
 */
final class PostgresResponderBoard implements ResponderBoard, AutoCloseable {
    private final PostgresStore store;
    private final String table;
    private final String channel;
    private Connection connection;

    private PostgresResponderBoard(PostgresStore store) {
        this.store = store;
        this.table = "\"" + store.schema() + "\".node_responders";
        this.channel = "kmb_responders_" + store.schema();
    }

    /** Creates the table if absent, under the lock the store takes to create its own tables. */
    static PostgresResponderBoard open(PostgresStore store) throws SQLException {
        PostgresResponderBoard board = new PostgresResponderBoard(store);
        try (Connection setup = store.connect("setup"); Statement statement = setup.createStatement()) {
            setup.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('kmb-schema:" + store.schema() + "', 0))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + board.table + " (node text PRIMARY KEY, "
                    + "filters text[] NOT NULL, beat_until timestamptz NOT NULL, groups text[] NOT NULL DEFAULT '{}')");
            // A schema whose table predates queue groups across nodes, or durables' reports.
            statement.execute("ALTER TABLE " + board.table + " ADD COLUMN IF NOT EXISTS groups text[] NOT NULL "
                    + "DEFAULT '{}'");
            statement.execute("ALTER TABLE " + board.table + " ADD COLUMN IF NOT EXISTS durables text");
            setup.commit();
        }
        return board;
    }

    /** The channel on which changes are announced. */
    String channel() {
        return channel;
    }

    @Override
    public void put(String nodeId, Listing listing, DurablesReport report, Duration ttl, boolean announce)
            throws SQLException {
        inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " (node, filters, "
                    + "groups, durables, beat_until) VALUES (?, ?, ?, ?, now() + ? * interval '1 millisecond') "
                    + "ON CONFLICT (node) DO UPDATE SET filters = excluded.filters, groups = excluded.groups, "
                    + "durables = excluded.durables, beat_until = excluded.beat_until");
                 PreparedStatement prune = connection.prepareStatement("DELETE FROM " + table
                         + " WHERE beat_until < now() - ? * interval '1 millisecond'")) {
                upsert.setString(1, nodeId);
                upsert.setArray(2, connection.createArrayOf("text", listing.filters().toArray()));
                upsert.setArray(3, connection.createArrayOf("text", listing.groups().stream().map(QueueGroup::listed)
                        .toArray()));
                upsert.setString(4, report.json());
                upsert.setLong(5, ttl.toMillis());
                upsert.executeUpdate();
                prune.setLong(1, ttl.toMillis());
                prune.executeUpdate();
            }
            if (announce) {
                announce(connection, nodeId);
            }
        });
    }

    @Override
    public List<Entry> read() throws SQLException {
        List<Entry> entries = new ArrayList<>();
        inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT node, filters, groups, "
                    + "ceil(extract(epoch FROM beat_until - clock_timestamp()) * 1000)::bigint AS left_ms FROM "
                    + table + " WHERE beat_until > clock_timestamp()");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Listing listing = new Listing(Set.of(strings(rows, "filters")),
                            Stream.of(strings(rows, "groups")).map(QueueGroup::listed).collect(Collectors.toSet()));
                    entries.add(new Entry(rows.getString("node"), listing, Duration.ofMillis(rows.getLong("left_ms"))));
                }
            }
        });
        return entries;
    }

    @Override
    public List<DurablesReport> reports() throws SQLException {
        List<DurablesReport> reports = new ArrayList<>();
        inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT node, durables FROM " + table
                    + " WHERE beat_until > clock_timestamp() AND durables IS NOT NULL");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    DurablesReport.fromJson(rows.getString("node"), rows.getString("durables")).ifPresent(reports::add);
                }
            }
        });
        return reports;
    }

    private static String[] strings(ResultSet rows, String column) throws SQLException {
        return (String[]) rows.getArray(column).getArray();
    }

    @Override
    public void remove(String nodeId) throws SQLException {
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE node = ?")) {
                delete.setString(1, nodeId);
                delete.executeUpdate();
            }
            announce(connection, nodeId);
        });
    }

    private void announce(Connection connection, String nodeId) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, nodeId);
            notify.execute();
        }
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** Runs in one transaction; a failure drops the connection, and the next call opens another. */
    private void inTransaction(Work work) throws SQLException {
        try {
            if (connection == null) {
                connection = store.connect("responders");
                connection.setAutoCommit(false);
            }
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Abandoned either way.
        }
        connection = null;
    }
}
