package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import ai.kind.kmb.broker.store.postgres.PostgresStoreOptions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private PostgreSQL crashing (stop mode immediate) and restarting under two nodes while a client
 * publishes: the client is answered {@code unavailable} in between, never left waiting; the nodes
 * reconnect by themselves; every acknowledged message is in the log and reaches the other node.
 */
class PostgresFaultsTest {
    @TempDir
    Path dir;

    private final TestNodes nodes = new TestNodes();

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private TestNodes.Node node(String jdbcUrl) {
        return nodes.start(PostgresStore.open(jdbcUrl, PostgresStoreOptions.defaults("kmb")),
                (store, id) -> PostgresNodeLink.open((PostgresStore) store, id));
    }

    @Test
    void aPostgresRestartAnswersUnavailableMeanwhileAndLosesNoAcknowledgedMessage() {
        try (PrivatePostgres postgres = new PrivatePostgres(dir)) {
            TestNodes.Node publishing = node(postgres.jdbcUrl());
            TestNodes.Node listening = node(postgres.jdbcUrl());
            Deliveries heard = new Deliveries();
            nodes.client(listening).subscribe(SubscribeOptions.ephemeral("faults.#"), heard);

            Set<String> acknowledged;
            try (PublishLoop loop = new PublishLoop(nodes.client(publishing), "faults.restart")) {
                loop.awaitAcknowledged(20);
                postgres.crash();
                loop.awaitRefusal();
                int before = loop.acknowledgedCount();
                postgres.start();
                loop.awaitAcknowledged(before + 20);
                acknowledged = loop.finish();
            }

            PublishLoop.assertKept(acknowledged, publishing, heard);
        }
    }
}
