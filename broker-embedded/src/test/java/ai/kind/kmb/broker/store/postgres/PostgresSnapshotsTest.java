package ai.kind.kmb.broker.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.SharedSnapshotRecordsContract;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.snapshot.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot contract on PostgreSQL, in a schema of each test's own, plus what only PostgreSQL does. */
class PostgresSnapshotsTest extends SharedSnapshotRecordsContract {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    private final String schema = PostgresSchemas.unique();

    @Override
    protected MessageStore openStore() {
        return PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
    }

    @Override
    protected SnapshotRecords snapshotsOf(MessageStore store) {
        return ((PostgresStore) store).snapshots();
    }

    @Override
    protected void deleteBus() {
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), schema);
    }

    @Test
    void aStoreMadeBeforeSnapshotsGainsTheirTableWhenOpened() {
        PostgresSchemas.execute(POSTGRES.jdbcUrl(), "DROP TABLE \"" + schema + "\".snapshots");

        SnapshotRecords reopened = another();
        Snapshot saved = snapshot("planner", 1, Json.object().put("n", 1));
        reopened.save(saved);

        assertThat(reopened.latest("planner")).hasValue(saved);
        assertThat(PostgresSchemas.queryString(POSTGRES.jdbcUrl(), "SELECT indexdef FROM pg_indexes WHERE schemaname = '"
                + schema + "' AND indexname = 'snapshots_by_agent'")).contains("(agent, seq)");
    }
}
