package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioConnectorTest {
    @TempDir
    Path data;

    @Test
    void theEmbeddedProfileConnectsToTheBrokerInThisProcess() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
            StudioConnector connector = new StudioConnector(broker);

            assertThat(connector.unavailableReason(ConnectionProfile.EMBEDDED_PROFILE)).isEmpty();
            assertThat(connector.open(ConnectionProfile.EMBEDDED_PROFILE).describe()).contains(broker.url());
        }
    }

    @Test
    void aRemoteProfileConnectsOverTheNetworkAndSeesTheSameBus() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
            StudioConnector connector = new StudioConnector(broker);
            ConnectionProfile remote = ConnectionProfile.remote("local server", broker.url(), null, null);

            try (BusConnection connection = connector.open(remote)) {
                connection.publish(Envelope.event("studio.remote.check", Json.object().put("ok", true)),
                        PublishOptions.DURABLE).join();

                assertThat(connection.topics()).anySatisfy(topic ->
                        assertThat(topic.topic()).isEqualTo("studio.remote.check"));
                assertThat(broker.connect().topics()).anySatisfy(topic ->
                        assertThat(topic.topic()).isEqualTo("studio.remote.check"));
            }
        }
    }

    @Test
    void aTrustFileThatIsNotPemIsRefusedWithItsName() throws Exception {
        Path garbage = Files.writeString(data.resolve("trust.pem"), "not a certificate");
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"), 0)) {
            StudioConnector connector = new StudioConnector(broker);
            ConnectionProfile remote = ConnectionProfile.remote("tls", "https://127.0.0.1:1", null, garbage.toString());

            assertThatThrownBy(() -> connector.open(remote)).isInstanceOf(KmbException.class)
                    .hasMessageContaining(garbage.toString());
        }
    }
}
