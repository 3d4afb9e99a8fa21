package ai.kind.kmb.ui.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.ui.feed.FeedCounters;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusModelTest {
    private final StatusModel status = new StatusModel();
    private final Instant start = Instant.parse("2025-06-20T15:42:00Z");

    @Test
    void rateIsTakenOverWholeSecondsOfBusTraffic() {
        status.traffic(counters(0, 0, 0, 0), start);
        status.traffic(counters(20_000, 5_000, 1_000, 0), start.plusMillis(500));
        assertThat(status.messagesPerSecondProperty().get()).as("half a second is not a window yet").isZero();

        status.traffic(counters(49_000, 20_000, 10_000, 1_000), start.plusSeconds(1));

        assertThat(status.messagesPerSecondProperty().get()).isCloseTo(50_000, within(0.1));
        assertThat(status.shownProperty().get()).isEqualTo(20_000);
        assertThat(status.droppedProperty().get()).as("feed evictions plus bus drops").isEqualTo(11_000);
    }

    @Test
    void connectionAndNoticeAreShownAsGiven() {
        status.connection(ConnectionStatus.connected("embedded broker on http://127.0.0.1:7420"));
        status.notice("port 7420 was taken; listening on 7431");

        assertThat(status.stateProperty().get()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(status.connectionProperty().get()).contains("127.0.0.1:7420");
        assertThat(status.noticeProperty().get()).contains("7431");
    }

    private static FeedCounters counters(long received, long taken, long evicted, long lost) {
        return new FeedCounters(received, taken, evicted, lost, received - taken - evicted, 0, 0);
    }
}
