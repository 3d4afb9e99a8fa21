package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.net.TlsFiles;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.signing.Ed25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbctl certs dev, tokens issue and keys gen, and kmbctl against a TLS server that checks tokens. */
class SecurityCommandsTest {
    private static final String SECRET = "kmbctl-test-secret-of-32-bytes-at-least";

    @TempDir
    Path dir;

    @Test
    void kmbctlReachesATlsServerWithItsDevCaAndAnIssuedTokenAndIsRefusedWithABadOne() {
        assertThat(TestKmbd.run(Map.of(), "", "certs", "dev", "--out", dir.toString()).code()).isZero();
        Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        TlsFiles tls = new TlsFiles(dir.resolve("server.pem"), dir.resolve("server-key.pem"));
        try (KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0).withTls(tls)
                .withAuth(AuthSettings.hmac(SECRET)), "kmbd-secure")) {
            TestKmbd.Result issued = TestKmbd.run(Map.of("KMB_JWT_SECRET", SECRET), "", "tokens", "issue",
                    "--subject", "ops", "--sub-allow", "#", "--pub-allow", "#", "--admin");
            String token = issued.out().strip();
            String forged = TestKmbd.run(Map.of(), "", "tokens", "issue", "--subject", "ops", "--admin",
                    "--secret", "someone-else's-secret-of-32-bytes-or-more").out().strip();
            Map<String, String> env = Map.of("KMB_URL", server.url(), "KMB_TRUST", dir.resolve("ca.pem").toString());

            TestKmbd.Result allowed = TestKmbd.run(env, "", "--token", token, "publish", "ops.note", "{}");
            TestKmbd.Result refused = TestKmbd.run(env, "", "--token", forged, "topics");
            TestKmbd.Result untrusted = TestKmbd.run(Map.of("KMB_URL", server.url()), "", "--token", token, "topics");

            assertThat(issued.code()).isZero();
            assertThat(allowed.code()).as(allowed.err()).isZero();
            assertThat(refused.code()).isEqualTo(ExitCodes.DENIED);
            assertThat(refused.err()).contains("signature does not verify");
            assertThat(untrusted.code()).isNotZero();
        } finally {
            broker.close();
        }
    }

    @Test
    void keysGenWritesAPairThatReadsBackAndPrintsTheRegistryEntry() throws Exception {
        TestKmbd.Result generated = TestKmbd.run(Map.of(), "", "keys", "gen", "agent-7-2026", "--client", "agent-7",
                "--out", dir.toString());
        TestKmbd.Result jwk = TestKmbd.run(Map.of(), "", "keys", "gen", "agent-8", "--format", "jwk",
                "--out", dir.toString());

        assertThat(generated.code()).isZero();
        assertThat(generated.out()).contains("client_id: agent-7").contains("BEGIN PUBLIC KEY");
        var key = Ed25519Keys.readPrivate(Files.readString(dir.resolve("agent-7-2026.key.pem")), "key");
        var publicKey = Ed25519Keys.readPublic(Files.readString(dir.resolve("agent-7-2026.pub.pem")), "pub");
        assertThat(key.generatePublicKey().getEncoded()).isEqualTo(publicKey.getEncoded());
        assertThat(jwk.code()).isZero();
        assertThat(Files.readString(dir.resolve("agent-8.jwk.json"))).contains("\"crv\":\"Ed25519\"", "\"d\":");
    }
}
