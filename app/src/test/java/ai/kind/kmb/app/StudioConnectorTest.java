package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ui.connect.ConnectionProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioConnectorTest {
    @TempDir
    Path data;

    @Test
    void remoteProfilesSayTheyArriveWithTheSdkInsteadOfPretending() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
            StudioConnector connector = new StudioConnector(broker);
            ConnectionProfile remote = ConnectionProfile.remote("staging", "https://kmb.example:7420", null, null);

            assertThat(connector.unavailableReason(remote)).hasValueSatisfying(reason ->
                    assertThat(reason).startsWith("Remote connections arrive with the SDK"));
            assertThatThrownBy(() -> connector.open(remote)).hasMessageContaining("arrive with the SDK");
            assertThat(connector.unavailableReason(ConnectionProfile.EMBEDDED_PROFILE)).isEmpty();
            assertThat(connector.open(ConnectionProfile.EMBEDDED_PROFILE).describe()).contains(broker.url());
        }
    }
}
