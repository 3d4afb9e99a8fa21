package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.broker.store.ConsumerClaimsContract;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Durable groups on PostgreSQL, in a schema of the test's own. */
class PostgresClaimsTest extends ConsumerClaimsContract {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    private final String schema = PostgresSchemas.unique();

    @Override
    protected MessageStore newStore() {
        return PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
    }

    @AfterEach
    void dropSchema() {
        store.close();
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), schema);
    }
}
