package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.postgres.PostgresSchemas;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import ai.kind.kmb.broker.store.postgres.PostgresStoreOptions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on the PostgreSQL at 127.0.0.1:5432, in a schema of this test's own. */
class PostgresSharedBusTest extends SharedBusContract {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    private final String schema = PostgresSchemas.unique();

    @Override
    protected MessageStore openStore() {
        return PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
    }

    @Override
    protected NodeLink link(MessageStore store, String nodeId) {
        return PostgresNodeLink.open((PostgresStore) store, nodeId);
    }

    @Override
    protected void listGhost(MessageStore store, String nodeId, Set<String> filters, DurablesReport report,
                             Duration ttl) throws Exception {
        try (PostgresResponderBoard board = PostgresResponderBoard.open((PostgresStore) store)) {
            board.put(nodeId, new ResponderBoard.Listing(filters, Set.of()), report, ttl, true);
        }
    }

    @AfterEach
    void dropSchema() {
        nodes.close();
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), schema);
    }

    @Test
    void aRowOfAnEarlierVersionListsItsFiltersAndReportsNoDurables() throws Exception {
        PostgresStore store = (PostgresStore) node().broker().store();
        try (Connection connection = store.connect("test"); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO \"" + schema + "\".node_responders (node, filters, beat_until) "
                    + "VALUES ('old-node', '{old.#}', now() + interval '1 minute')");
        }

        try (PostgresResponderBoard board = PostgresResponderBoard.open(store)) {
            assertThat(board.read()).extracting(ResponderBoard.Entry::nodeId).contains("old-node");
            assertThat(board.reports()).extracting(DurablesReport::node).doesNotContain("old-node");
        }
    }

    @Test
    void anEphemeralMessageTooLargeForNotifyIsRefusedNotLost() {
        TestNodes.Node a = node();
        Envelope big = Envelope.event("live.big", Json.object().put("text", "x".repeat(NotifySender.MAX_PAYLOAD_BYTES)));

        Throwable refused = catchThrowable(() -> nodes.client(a).publish(big, PublishOptions.EPHEMERAL).join());

        assertThat(refused).isInstanceOf(CompletionException.class).cause().isInstanceOf(KmbException.class)
                .hasMessageContaining("under 8000 bytes");
        assertThat(((KmbException) refused.getCause()).code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(nodes.client(a).publish(big, PublishOptions.DURABLE).join().offset()).isPositive();
    }
}
