package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.GroupStatus;
import ai.kind.kmb.history.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's share of a durable consumer on PostgreSQL (tables in {@link ConsumerGroupTables}). New
 * messages are claimed under a lock on the durable's row, so two nodes never claim the same one;
 * abandoned claims are taken over with {@code FOR UPDATE SKIP LOCKED}, so nodes looking at once
 * each take different rows rather than queueing on each other. Leases are measured on the server's
 * clock. Work goes through the store's read pool, not its writer: claims never wait behind appends.
 */
final class PostgresConsumerClaims implements ConsumerClaims {
    private final PostgresPool pool;
    private final PostgresQueries queries;
    private final String groups;
    private final String claims;
    private final String durable;
    private final String node;

    private PostgresConsumerClaims(PostgresPool pool, PostgresQueries queries, String schema, String durable,
                                   String node) {
        this.pool = pool;
        this.queries = queries;
        this.groups = PostgresSchema.quoted(schema) + "." + ConsumerGroupTables.GROUPS;
        this.claims = PostgresSchema.quoted(schema) + "." + ConsumerGroupTables.CLAIMS;
        this.durable = durable;
        this.node = node;
    }

    static PostgresConsumerClaims join(PostgresPool pool, PostgresQueries queries, String schema, String durable,
                                       String node, long startAfter) {
        PostgresConsumerClaims joined = new PostgresConsumerClaims(pool, queries, schema, durable, node);
        pool.run("create consumer group " + durable, connection -> joined.create(connection, startAfter));
        return joined;
    }

    /**
     * The group's position and its claims counted by node, in one statement so that the two agree;
     * empty when the durable has no group.
     */
    static Optional<GroupStatus> status(PostgresPool pool, String schema, String durable) {
        String s = PostgresSchema.quoted(schema);
        return pool.run("status of consumer group " + durable, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT g.cursor_offset, c.node,"
                    + " count(c.\"offset\") FROM " + s + "." + ConsumerGroupTables.GROUPS + " g LEFT JOIN " + s + "."
                    + ConsumerGroupTables.CLAIMS + " c ON c.consumer = g.name WHERE g.name = ?"
                    + " GROUP BY g.cursor_offset, c.node")) {
                select.setString(1, durable);
                Long cursor = null;
                Map<String, Long> byNode = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        cursor = rows.getLong(1);
                        if (rows.getString(2) != null) { // the one row of a group without claims
                            byNode.put(rows.getString(2), rows.getLong(3));
                        }
                    }
                }
                return cursor == null ? Optional.<GroupStatus>empty() : Optional.of(new GroupStatus(cursor, byNode));
            }
        });
    }

    /** An existing group keeps its position. */
    private int create(Connection connection, long startAfter) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + groups
                + " (name, cursor_offset) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, durable);
            insert.setLong(2, startAfter);
            return insert.executeUpdate();
        }
    }

    @Override
    public List<StoredMessage> claimNew(int max) {
        return pool.transaction("claim new messages for " + durable, connection -> {
            long cursor = lockCursor(connection);
            List<StoredMessage> batch = queries.readAfter(connection, cursor, max);
            if (batch.isEmpty()) {
                return batch;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + claims
                    + " (consumer, \"offset\", node, claimed_at, claims) VALUES (?, ?, ?, now(), 1)"
                    + " ON CONFLICT DO NOTHING");
                 PreparedStatement advance = connection.prepareStatement("UPDATE " + groups
                         + " SET cursor_offset = ? WHERE name = ?")) {
                for (StoredMessage message : batch) {
                    insert.setString(1, durable);
                    insert.setLong(2, message.offset());
                    insert.setString(3, node);
                    insert.addBatch();
                }
                insert.executeBatch();
                advance.setLong(1, batch.getLast().offset());
                advance.setString(2, durable);
                advance.executeUpdate();
            }
            return batch;
        });
    }

    /** Locks the durable's row until the transaction ends; a group deleted meanwhile starts over at the retained log. */
    private long lockCursor(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT cursor_offset FROM " + groups
                + " WHERE name = ? FOR UPDATE")) {
            select.setString(1, durable);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return row.getLong(1);
                }
            }
        }
        create(connection, 0);
        return lockCursor(connection);
    }

    @Override
    public List<Abandoned> claimAbandoned(Duration lease, int max) {
        return pool.transaction("claim abandoned messages of " + durable, connection -> {
            Map<Long, Integer> taken = new LinkedHashMap<>();
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + claims
                    + " SET node = ?, claimed_at = now(), claims = claims + 1 WHERE consumer = ? AND \"offset\" IN ("
                    + "SELECT \"offset\" FROM " + claims + " WHERE consumer = ?"
                    + " AND claimed_at < now() - ? * interval '1 millisecond'"
                    + " ORDER BY \"offset\" LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING \"offset\", claims")) {
                update.setString(1, node);
                update.setString(2, durable);
                update.setString(3, durable);
                update.setLong(4, lease.toMillis());
                update.setInt(5, max);
                try (ResultSet row = update.executeQuery()) {
                    while (row.next()) {
                        taken.put(row.getLong(1), row.getInt(2));
                    }
                }
            }
            if (taken.isEmpty()) {
                return List.of();
            }
            List<Abandoned> abandoned = new ArrayList<>();
            List<Long> gone = new ArrayList<>(taken.keySet());
            for (StoredMessage message : queries.readOffsets(connection, taken.keySet().toArray(Long[]::new))) {
                abandoned.add(new Abandoned(message, taken.get(message.offset()) - 1));
                gone.remove(message.offset());
            }
            // Retention removed these from the log: there is nothing left to deliver.
            delete(connection, gone);
            abandoned.sort((a, b) -> Long.compare(a.message().offset(), b.message().offset()));
            return abandoned;
        });
    }

    @Override
    public void renew(Collection<Long> offsets) {
        touchOwn("renew claims of " + durable, offsets, "now()");
    }

    @Override
    public void settle(Collection<Long> offsets) {
        if (!offsets.isEmpty()) {
            pool.run("settle messages of " + durable, connection -> delete(connection, offsets));
        }
    }

    @Override
    public void release(Collection<Long> offsets) {
        touchOwn("release claims of " + durable, offsets, "'-infinity'");
    }

    /** Only claims this node still holds: one another node took over stays that node's. */
    private void touchOwn(String action, Collection<Long> offsets, String claimedAt) {
        if (offsets.isEmpty()) {
            return;
        }
        pool.run(action, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + claims + " SET claimed_at = "
                    + claimedAt + " WHERE consumer = ? AND node = ? AND \"offset\" = ANY (?)")) {
                update.setString(1, durable);
                update.setString(2, node);
                update.setArray(3, connection.createArrayOf("bigint", offsets.toArray(Long[]::new)));
                return update.executeUpdate();
            }
        });
    }

    private int delete(Connection connection, Collection<Long> offsets) throws SQLException {
        if (offsets.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + claims
                + " WHERE consumer = ? AND \"offset\" = ANY (?)")) {
            delete.setString(1, durable);
            delete.setArray(2, connection.createArrayOf("bigint", offsets.toArray(Long[]::new)));
            return delete.executeUpdate();
        }
    }
}
