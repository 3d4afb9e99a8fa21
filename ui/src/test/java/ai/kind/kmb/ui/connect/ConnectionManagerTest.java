package ai.kind.kmb.ui.connect;

import static ai.kind.kmb.ui.testing.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.support.UiExecutors;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionManagerTest {
    private final FakeConnector connector = new FakeConnector();
    private final LiveFeed feed = new LiveFeed(FeedLimits.defaults(), Clock.systemUTC());
    private final ConnectionManager manager = new ConnectionManager(connector, feed, UiExecutors.direct());

    @Test
    void connectingAttachesTheFeedAndPublishesTheConnection() {
        manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();

        assertThat(manager.connectionProperty().get()).isSameAs(connector.opened.getFirst());
        assertThat(manager.statusProperty().get().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        connector.opened.getFirst().publish(event("a", 1));
        assertThat(feed.drain(10).arrivals()).hasSize(1);
    }

    @Test
    void switchingClearsTheModelsFirstThenMovesTheFeedAndClosesTheOldBus() {
        AtomicInteger clears = new AtomicInteger();
        manager.onSwitch(clears::incrementAndGet);
        manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();
        connector.opened.getFirst().publish(event("old", 1));

        manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();

        assertThat(clears).hasValue(2);
        assertThat(connector.opened.getFirst().isClosed()).isTrue();
        assertThat(connector.opened.get(1).subscriptionCount()).isEqualTo(3);
        assertThat(feed.drain(10).arrivals()).as("the old bus's waiting message went with the switch").isEmpty();
        assertThat(feed.counters().evicted()).isEqualTo(1);
    }

    @Test
    void aProfileThisBuildCannotOpenIsRefusedWithTheReason() {
        ConnectionProfile remote = ConnectionProfile.remote("staging", "https://kmb.example:7420", null, null);

        assertThatThrownBy(() -> manager.connect(remote).join()).hasMessageContaining(FakeConnector.NO_REMOTE);
        assertThat(manager.lastErrorProperty().get()).isEqualTo(FakeConnector.NO_REMOTE);
        assertThat(connector.opened).isEmpty();
    }

    @Test
    void aFailedSwitchLeavesTheCurrentConnectionInUse() {
        manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();
        connector.failNext = true;

        assertThatThrownBy(() -> manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join())
                .hasRootCauseMessage("connection refused");

        assertThat(manager.connectionProperty().get()).isSameAs(connector.opened.getFirst());
        assertThat(manager.lastErrorProperty().get()).contains("connection refused");
        assertThat(manager.switchingProperty().get()).isFalse();
        assertThat(connector.opened.getFirst().subscriptionCount()).isEqualTo(3);
    }
}
