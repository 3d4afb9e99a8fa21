package ai.kind.kmb.tx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RemoteConnection;
import ai.kind.kmb.request.BusSetup;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connections KMB Studio and kmbctl use take transactions as the broker and RemoteBus do. */
class ConnectionTransactionTest {

    private static void commitsInOrderThroughTheConnection(BusSetup setup, BusConnection connection)
            throws Exception {
        KmbClient publisher = KmbClient.over(connection);
        Seen seen = new Seen(setup.client());
        Transaction tx = publisher.transaction();
        tx.publish(Envelope.of("orders.one", MessageType.EVENT, TextNode.valueOf("one"), null))
                .get(5, TimeUnit.SECONDS);
        tx.publish(Envelope.of("orders.two", MessageType.EVENT, TextNode.valueOf("two"), null))
                .get(5, TimeUnit.SECONDS);
        assertThat(seen.afterMarker(publisher)).isEmpty();

        assertThat(tx.commit().get(5, TimeUnit.SECONDS).committed()).isTrue();
        seen.awaitCount(3);

        assertThat(seen.payloads()).containsExactly("marker", "one", "two");
    }

    @Test
    void theEmbeddedConnectionTakesTransactions() throws Exception {
        try (BusSetup setup = new BusSetup(BusSetup.Mode.IN_PROCESS);
             EmbeddedConnection connection = new EmbeddedConnection(setup.broker, "test")) {
            commitsInOrderThroughTheConnection(setup, connection);
        }
    }

    @Test
    void theRemoteConnectionTakesTransactions() throws Exception {
        try (BusSetup setup = new BusSetup(BusSetup.Mode.NETWORK);
             RemoteConnection connection = RemoteConnection.open(RemoteBusOptions.defaults(setup.url()))) {
            commitsInOrderThroughTheConnection(setup, connection);
        }
    }
}
