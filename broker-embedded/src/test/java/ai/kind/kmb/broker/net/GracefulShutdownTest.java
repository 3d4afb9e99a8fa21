package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Closing the server answers what is in flight, refuses what is new, and says goodbye with 1001. */
class GracefulShutdownTest {
    @Test
    void closingAnswersPublishesInFlightKeepsWhatItAcknowledgedAndClosesWith1001() {
        TestServer server = new TestServer();
        try (WsClient client = server.client()) {
            for (int req = 1; req <= 500; req++) {
                ObjectNode pub = frame("pub", req).put("durable", true);
                pub.putObject("msg").put("id", "m" + req).put("topic", "drain");
                client.send(pub);
            }

            Set<String> acknowledged = new HashSet<>();
            JsonNode first = client.next();
            assertThat(first.get("op").asText()).isEqualTo("puback");
            acknowledged.add(first.get("id").asText());

            server.server.close();

            int refused = 0;
            JsonNode frame;
            while ((frame = client.poll(Duration.ofSeconds(2))) != null) {
                if (frame.get("op").asText().equals("puback")) {
                    acknowledged.add(frame.get("id").asText());
                } else {
                    assertThat(frame.get("code").asText()).isEqualTo("unavailable");
                    refused++;
                }
            }
            assertThat(client.closeCode()).isEqualTo(NettyConnection.CLOSE_GOING_AWAY);
            Set<String> stored = new HashSet<>();
            for (StoredMessage message : server.broker.store().query(HistoryQuery.all(1000))) {
                stored.add(message.envelope().id());
            }
            assertThat(stored).containsAll(acknowledged);
            assertThat(acknowledged.size() + refused).isLessThanOrEqualTo(500);
        } finally {
            server.broker.close();
        }
    }

}
