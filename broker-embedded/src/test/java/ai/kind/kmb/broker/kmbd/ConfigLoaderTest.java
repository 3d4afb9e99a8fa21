package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.ServerLimits;
import ai.kind.kmb.broker.store.RetentionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("kmb.yaml"), text);
    }

    private static KmbdConfig load(Path file, Map<String, String> env, Map<Setting, String> flags) {
        return new ConfigLoader(env).load(file, flags);
    }

    @Test
    void withNothingGivenTheDefaultsApply() {
        KmbdConfig config = load(null, Map.of(), Map.of());

        assertThat(config.port()).isEqualTo(7420);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.backend()).isEqualTo(Backend.SQLITE);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.durableByDefault()).isFalse();
        assertThat(config.tls()).isNull();
        assertThat(config.limits()).isEqualTo(ServerLimits.defaults());
    }

    @Test
    void retentionAndTheClaimLeaseReachTheBroker() throws IOException {
        Path file = yaml("""
                kmb:
                  claim_lease: 5s
                  retention:
                    max_age: 7d
                    max_bytes: 10GiB
                    interval: 30s
                """);

        BrokerOptions options = load(file, Map.of(), Map.of()).brokerOptions();

        assertThat(options.retention()).isEqualTo(new RetentionPolicy(Duration.ofDays(7), 10L << 30));
        assertThat(options.retentionInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.claimLease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(load(null, Map.of(), Map.of()).brokerOptions().retention()).isEqualTo(RetentionPolicy.UNLIMITED);
    }

    @Test
    void aBadRetentionIsRefusedNamingTheKey() throws IOException {
        Path file = yaml("""
                kmb:
                  retention:
                    max_bytes: 10 parsecs
                """);

        assertThatThrownBy(() -> load(file, Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kmb.retention.max_bytes").hasMessageContaining("10 parsecs");
    }

    @Test
    void theFileIsReadThenTheEnvironmentThenTheFlagsOverride() throws IOException {
        Path file = yaml("""
                kmb:
                  port: 9000
                  bind: localhost
                  backend: memory
                  durability: durable
                  data_dir: /tmp/kmb-a
                  redis_url: redis://127.0.0.1:6379
                  limits:
                    max_message_bytes: 512KiB
                    max_subscriptions: 50
                    heartbeat: 10s
                    idle_timeout: 1m
                """);

        KmbdConfig config = load(file, Map.of("KMB_PORT", "9100", "KMB_DATA", "/tmp/kmb-b"),
                Map.of(Setting.PORT, "9200"));

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/kmb-b"));
        assertThat(config.bind()).isEqualTo("localhost");
        assertThat(config.backend()).isEqualTo(Backend.MEMORY);
        assertThat(config.durableByDefault()).isTrue();
        assertThat(config.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.limits().maxMessageBytes()).isEqualTo(512 * 1024);
        assertThat(config.limits().maxSubscriptions()).isEqualTo(50);
        assertThat(config.limits().heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnknownKeyIsNamedWithItsFullPathAndTheKnownKeysBesideIt() throws IOException {
        Path file = yaml("""
                kmb:
                  limits:
                    max_mesage_bytes: 10
                """);

        assertThatThrownBy(() -> load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'kmb.limits.max_mesage_bytes'")
                .hasMessageContaining("max_message_bytes");
        assertThatThrownBy(() -> load(yaml("server:\n  port: 1\n"), Map.of(), Map.of()))
                .hasMessageContaining("unknown key 'server'");
    }

    @Test
    void aBadValueIsNamedWithItsKeyAndSource() throws IOException {
        assertThatThrownBy(() -> load(yaml("kmb:\n  port: seventy\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.port")
                .hasMessageContaining("kmb.yaml")
                .hasMessageContaining("seventy");
        assertThatThrownBy(() -> load(null, Map.of("KMB_HEARTBEAT", "often"), Map.of()))
                .hasMessageContaining("kmb.limits.heartbeat (from environment variable KMB_HEARTBEAT)");
        assertThatThrownBy(() -> load(null, Map.of(), Map.of(Setting.PORT, "70000")))
                .hasMessageContaining("kmb.port (from the command line)");
        assertThatThrownBy(() -> load(yaml("kmb:\n  backend: kafka\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.backend").hasMessageContaining("sqlite, memory, redis, postgres");
        assertThatThrownBy(() -> load(yaml("kmb:\n  limits: 5\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.limits").hasMessageContaining("mapping");
        assertThatThrownBy(() -> load(yaml("kmb:\n  port: 1\n  port: 2\n"), Map.of(), Map.of()))
                .hasMessageContaining("port");
    }

    @Test
    void limitsThatContradictEachOtherAreRefused() {
        assertThatThrownBy(() -> load(null, Map.of("KMB_MAX_FRAME_BYTES", "1KiB"), Map.of()))
                .hasMessageContaining("kmb.limits").hasMessageContaining("max_frame_bytes");
        assertThatThrownBy(() -> load(null, Map.of("KMB_IDLE_TIMEOUT", "5s"), Map.of()))
                .hasMessageContaining("idle_timeout");
    }

    @Test
    void aJwtSecretTurnsAuthOnAndAShortOneIsRefused() throws IOException {
        assertThatThrownBy(() -> load(yaml("kmb:\n  auth:\n    jwt_secret: s3cret\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.auth").hasMessageContaining("at least 32 bytes");

        KmbdConfig config = load(yaml("kmb:\n  auth:\n    jwt_secret: 0123456789abcdef0123456789abcdef\n"
                + "    issuer: kOS\n    clock_skew: 10s\n"), Map.of(), Map.of());

        assertThat(config.serverOptions().auth().enabled()).isTrue();
        assertThat(config.serverOptions().auth().issuer()).isEqualTo("kOS");
        assertThat(config.serverOptions().auth().clockSkew()).hasSeconds(10);
    }

    @Test
    void clientCertificatesNeedTheServerCertificateAndACa() throws IOException {
        assertThatThrownBy(() -> load(yaml("kmb:\n  tls:\n    client_ca: /etc/kmb/ca.pem\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.tls.cert");
        assertThatThrownBy(() -> load(null, Map.of("KMB_TLS_CERT", "/c.pem", "KMB_TLS_KEY", "/k.pem",
                "KMB_TLS_CLIENT_AUTH", "required"), Map.of()))
                .hasMessageContaining("kmb.tls.client_ca");
    }

    @Test
    void aSharedBackendNeedsItsServerAndTakesABusName() throws IOException {
        assertThatThrownBy(() -> load(null, Map.of("KMB_BACKEND", "redis"), Map.of()))
                .hasMessageContaining("'redis' needs kmb.redis_url (KMB_REDIS_URL)");
        assertThatThrownBy(() -> load(null, Map.of("KMB_BACKEND", "postgres"), Map.of()))
                .hasMessageContaining("'postgres' needs kmb.postgres_url (KMB_POSTGRES_URL)");
        assertThatThrownBy(() -> load(null, Map.of("KMB_BUS_NAME", "Team-A"), Map.of()))
                .hasMessageContaining("kmb.bus_name").hasMessageContaining("'Team-A'");

        KmbdConfig config = load(yaml("""
                kmb:
                  backend: postgres
                  postgres_url: jdbc:postgresql://127.0.0.1:5432/kmb?user=kmb
                  bus_name: team_a
                """), Map.of(), Map.of());

        assertThat(config.backend()).isEqualTo(Backend.POSTGRES);
        assertThat(config.postgresUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/kmb?user=kmb");
        assertThat(config.busName()).isEqualTo("team_a");
        assertThat(load(null, Map.of(), Map.of()).busName()).isEqualTo("kmb");
    }

    @Test
    void tlsNeedsBothCertificateAndKey() throws IOException {
        assertThatThrownBy(() -> load(yaml("kmb:\n  tls:\n    cert: /etc/kmb/cert.pem\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.tls.key");

        KmbdConfig config = load(null, Map.of("KMB_TLS_CERT", "c.pem", "KMB_TLS_KEY", "k.pem"), Map.of());
        assertThat(config.tls().certificateChain()).isEqualTo(Path.of("c.pem"));
        assertThat(config.serverOptions().tls()).isEqualTo(config.tls());
    }

    @Test
    void theTopicRegistryPathMustBeADirectory() throws IOException {
        assertThatThrownBy(() -> load(yaml("kmb:\n  topic_registry:\n    path: /no/such/dir\n"), Map.of(), Map.of()))
                .hasMessageContaining("kmb.topic_registry.path");

        assertThat(load(null, Map.of("KMB_TOPIC_REGISTRY", dir.toString()), Map.of()).topicRegistry())
                .isEqualTo(dir);
    }

    @Test
    void allowedOriginsComeAsAYamlListOrACommaSeparatedVariable() throws IOException {
        Path file = yaml("kmb:\n  allowed_origins: [\"http://localhost:3000\", \"https://studio.example:8443\"]\n");

        assertThat(load(file, Map.of(), Map.of()).serverOptions().allowedOrigins())
                .containsExactlyInAnyOrder("http://localhost:3000", "https://studio.example:8443");
        assertThat(load(null, Map.of("KMB_ALLOWED_ORIGINS", "http://a:1, http://b"), Map.of()).allowedOrigins())
                .containsExactlyInAnyOrder("http://a:1", "http://b");
        assertThatThrownBy(() -> load(null, Map.of("KMB_ALLOWED_ORIGINS", "localhost:3000/app"), Map.of()))
                .hasMessageContaining("kmb.allowed_origins");
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        assertThat(load(yaml(""), Map.of(), Map.of()).port()).isEqualTo(7420);
    }
}
