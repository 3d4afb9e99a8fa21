package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.io.UncheckedIOException;
import io.netty.buffer.ByteBufAllocator;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
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
    void onlyTls12And13AreOfferedAndATls11ClientIsRefused() throws Exception {
        SSLEngine engine = certificate.files.serverContext().newEngine(ByteBufAllocator.DEFAULT);
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");

        SSLParameters oldProtocol = new SSLParameters();
        oldProtocol.setProtocols(new String[] {"TLSv1.1"});
        HttpClient old = HttpClient.newBuilder().sslContext(certificate.clientContext).sslParameters(oldProtocol)
                .build();
        assertThatThrownBy(() -> new Http(old, server.url()).get("/healthz")).isInstanceOf(UncheckedIOException.class);

        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient modern = HttpClient.newBuilder().sslContext(certificate.clientContext).sslParameters(tls12).build();
        assertThat(new Http(modern, server.url()).get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void requiredClientCertificatesShutOutClientsWithoutOne(@TempDir Path clientDir) throws Exception {
        SelfSignedFiles clientCertificate = new SelfSignedFiles(clientDir);
        TlsFiles mutual = new TlsFiles(certificate.files.certificateChain(), certificate.files.privateKey(),
                clientCertificate.files.certificateChain(), TlsFiles.ClientAuth.REQUIRED);
        try (KmbServer strict = KmbServer.start(broker, ServerOptions.loopback(0).withTls(mutual), "kmbd-mtls")) {
            HttpClient presenting = HttpClient.newBuilder()
                    .sslContext(clientCertificate.clientContextPresentingTo(certificate)).build();

            assertThat(new Http(presenting, strict.url()).get("/healthz").status()).isEqualTo(200);
            assertThatThrownBy(() -> new Http(client, strict.url()).get("/healthz"))
                    .isInstanceOf(UncheckedIOException.class);
        }
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
