package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.ui.connect.ConnectionManager;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.feed.Arrival;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.support.UiExecutors;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioConnectorTest {
    @TempDir
    Path data;

    @Test
    void aRemoteProfileConnectsOverTheNetworkAndTheFeedSeesItsTraffic() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0);
             BusConnection local = broker.connect();
             UiExecutors executors = UiExecutors.direct()) {
            LiveFeed feed = new LiveFeed(FeedLimits.defaults(), Clock.systemUTC());
            ConnectionManager manager = new ConnectionManager(new StudioConnector(broker), feed, executors);
            ConnectionProfile remote = ConnectionProfile.remote("this machine", broker.url(), null, null);

            manager.connect(remote).join();

            assertThat(manager.statusProperty().get().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
            assertThat(manager.connectionProperty().get().describe()).isEqualTo(broker.url());
            local.publish(Envelope.event("kmb.agent.lifecycle", Json.object().put("state", "ready")),
                    PublishOptions.EPHEMERAL).join();
            List<Arrival> arrived = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (arrived.isEmpty() && Instant.now().isBefore(deadline)) {
                arrived.addAll(feed.drain(10).arrivals());
                Thread.sleep(20);
            }
            assertThat(arrived).extracting(a -> a.envelope().topic()).containsExactly("kmb.agent.lifecycle");

            manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();
            assertThat(manager.connectionProperty().get().describe()).startsWith("embedded broker on");
            manager.close();
        }
    }

    @Test
    void anUnreachableServerIsReportedAndTheCurrentConnectionStays() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0); UiExecutors executors = UiExecutors.direct()) {
            ConnectionManager manager = new ConnectionManager(new StudioConnector(broker),
                    new LiveFeed(FeedLimits.defaults(), Clock.systemUTC()), executors);
            manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();

            assertThatThrownBy(() -> manager.connect(ConnectionProfile.remote("gone",
                    "http://127.0.0.1:" + closedPort, null, null)).join());

            assertThat(manager.lastErrorProperty().get()).startsWith("Could not connect to gone");
            assertThat(manager.connectionProperty().get().describe()).startsWith("embedded broker on");
            manager.close();
        }
    }

    @Test
    void aTrustFileThatHoldsNoCertificateIsRefused() throws Exception {
        Path pem = Files.writeString(data.resolve("empty.pem"), "");
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("db"), 0)) {
            StudioConnector connector = new StudioConnector(broker);

            assertThat(connector.unavailableReason(ConnectionProfile.remote("tls", "https://kmb.example:7420", null,
                    pem.toString()))).isEmpty();
            assertThatThrownBy(() -> connector.open(ConnectionProfile.remote("tls", "https://kmb.example:7420", null,
                    pem.toString()))).hasMessageContaining("no certificate");
        }
    }
}
