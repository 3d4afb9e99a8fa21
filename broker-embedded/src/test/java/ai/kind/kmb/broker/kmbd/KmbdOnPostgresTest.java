package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.postgres.PostgresSchemas;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two kmbd processes on the PostgreSQL at 127.0.0.1:5432. */
class KmbdOnPostgresTest extends TwoKmbdContract {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    @Override
    protected List<String> backendFlags() {
        return List.of("--backend", "postgres", "--postgres-url", POSTGRES.jdbcUrl());
    }

    @AfterEach
    void dropSchema() throws Exception {
        stopNodes();
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), busName);
    }
}
