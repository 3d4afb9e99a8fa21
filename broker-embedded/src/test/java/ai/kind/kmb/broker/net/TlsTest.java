package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    @TempDir
    static Path dir;

    private static SelfSignedFiles certificate;
    private Broker broker;
    private KmbServer server;
    private HttpClient client;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = new SelfSignedFiles(dir);
    }

    @BeforeEach
    void start() {
        broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        server = KmbServer.start(broker, ServerOptions.loopback(0).withTls(certificate.files), "kmbd-tls");
        client = HttpClient.newBuilder().sslContext(certificate.clientContext).build();
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
    }

    @Test
    void restAndWebSocketWorkOverTls() {
        assertThat(server.url()).startsWith("https://");
        assertThat(new Http(client, server.url()).get("/healthz").status()).isEqualTo(200);

        try (WsClient socket = WsClient.connect(client, server.webSocketUrl())) {
            assertThat(server.webSocketUrl()).startsWith("wss://");
            assertThat(socket.call(frame("ping", 1)).get("op").asText()).isEqualTo("pong");
        }
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() {
        Http plain = new Http("http://127.0.0.1:" + server.port());

        assertThatThrownBy(() -> plain.get("/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aMissingKeyFileIsNamedInTheRefusal() {
        TlsFiles missing = new TlsFiles(dir.resolve("cert.pem"), dir.resolve("nope.pem"));

        assertThatThrownBy(() -> KmbServer.start(broker, ServerOptions.loopback(0).withTls(missing), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.pem");
    }

    @Test
    void aPublicBindAddressWithoutAuthIsRefusedUnlessForced() {
        ServerOptions open = new ServerOptions("0.0.0.0", 0, null, false, ServerLimits.defaults(), Set.of(),
                AuthSettings.NONE);

        assertThatThrownBy(() -> KmbServer.start(broker, open, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--allow-insecure");
    }
}
