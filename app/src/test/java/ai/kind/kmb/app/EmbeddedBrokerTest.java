package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.registry.TopicDescriptor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
    @TempDir
    Path data;

    @Test
    void aTakenPortFallsBackToAFreeOneAndSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedBroker broker = EmbeddedBroker.start(data, taken.getLocalPort())) {
            assertThat(broker.url()).startsWith("http://127.0.0.1:").doesNotEndWith(":" + taken.getLocalPort());
            assertThat(broker.notice()).hasValueSatisfying(notice -> assertThat(notice)
                    .contains("port " + taken.getLocalPort() + " is in use").contains(broker.url()));
        }
    }

    @Test
    void connectionsAreToTheBrokerInThisProcessAndLeaveItRunning() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
            assertThat(broker.notice()).isEmpty();
            var first = broker.connect();
            assertThat(first.describe()).isEqualTo("embedded broker on " + broker.url());
            first.close();
            assertThat(broker.connect().status().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        }
    }

    @Test
    void pluginJarsInTheDataDirectoryAreLoadedAndABadOneIsNamed() throws Exception {
        Path plugins = Files.createDirectories(data.resolve(EmbeddedBroker.PLUGINS));
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});

        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
            assertThat(broker.notice()).hasValueSatisfying(notice -> assertThat(notice)
                    .startsWith("plugin jar left out: broken.jar: not a readable jar"));
        }
    }

    @Test
    void theSampleRegistryIsEnforcedAndReachableThroughTheConnection() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0, Optional.of(Path.of("..", "sample-topics")))) {
            var connection = broker.connect();
            assertThat(connection.registry().topics()).extracting(TopicDescriptor::name).contains("vector.upsert");
            assertThatThrownBy(() -> connection.publish(Envelope.event("agent.health.heartbeat", Json.object()),
                    PublishOptions.DURABLE).join()).hasMessageContaining("does not match its schema");
        }
    }

    @Test
    void theRegistryComesFromTheVariableElseFromSampleTopicsInTheWorkingDirectory() throws Exception {
        Path repo = Files.createDirectories(data.resolve("repo/sample-topics")).getParent();

        assertThat(StudioRegistry.locate(Map.of(), repo)).contains(repo.resolve("sample-topics"));
        assertThat(StudioRegistry.locate(Map.of("KMB_TOPIC_REGISTRY", "/etc/kmb/topics"), repo))
                .contains(Path.of("/etc/kmb/topics"));
        assertThat(StudioRegistry.locate(Map.of("KMB_TOPIC_REGISTRY", ""), repo)).isEmpty();
        assertThat(StudioRegistry.locate(Map.of(), data)).isEmpty();
    }

    @Test
    void signaturesAreCheckedWhereTheRegistryRequiresThemAndTheVerdictIsStamped() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0, Optional.of(Path.of("..", "sample-topics")))) {
            var connection = broker.connect();
            var secretRead = Json.object().put("secret_path", "db/password").put("accessor", "auditor")
                    .put("action", "read").put("granted", true);

            assertThatThrownBy(() -> connection.publish(Envelope.event("vault.secret.accessed", secretRead),
                    PublishOptions.DURABLE).join()).hasMessageContaining("requires a valid Ed25519 signature");
            var ack = connection.publish(Envelope.event("kmb.demo.note", Json.object().put("n", 1)),
                    PublishOptions.DURABLE).join();
            assertThat(broker.broker().store().readAfter(ack.offset() - 1, 1).getFirst().envelope().metadata()
                    .headers()).containsEntry("kmb_signature", "unsigned");
        }
    }
}
