package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeats keep a quiet but live client connected; a client that answers nothing is closed. */
class HeartbeatTest {
    private final TestServer server = new TestServer(ServerLimits.defaults()
            .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(700), Duration.ofSeconds(30)));

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aQuietClientThatAnswersPingsStaysConnected() throws InterruptedException {
        try (WsClient client = server.client()) {
            Thread.sleep(2000);

            assertThat(client.isClosed()).isFalse();
            assertThat(client.call(frame("ping", 1)).get("op").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatAnswersNothingIsClosedAfterTheIdleTimeout() throws InterruptedException {
        try (StalledSocket stalled = new StalledSocket(server.server.port()); WsClient bystander = server.client()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.server.metrics().sessionsOpen.get() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(server.server.metrics().sessionsOpen.get()).isEqualTo(1);
            assertThat(bystander.call(frame("ping", 1)).get("op").asText()).isEqualTo("pong");
        }
    }

    @Test
    void anIdleHttpConnectionIsClosed() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }
}
