package ai.kind.kmb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void recordsEveryDeliveryAfterTheWarmUpForEachSubscriber() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(2, 50, 10);

        recorder.publishAtRate(10_000, k -> {
            recorder.received(0);
            recorder.received(1);
        });

        assertThat(recorder.await(Duration.ZERO)).isTrue();
        assertThat(recorder.merged().getTotalCount()).isEqualTo(2 * 40);
        assertThat(recorder.received()).isEqualTo("[50, 50] of 50");
    }

    @Test
    void isNotDoneWhileASubscriberMissesMessages() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(2, 20, 0);

        recorder.publishAtRate(10_000, k -> {
            recorder.received(0);
            if (k % 2 == 0) {
                recorder.received(1);
            }
        });

        assertThat(recorder.await(Duration.ZERO)).isFalse();
        assertThat(recorder.received()).isEqualTo("[20, 10] of 20");
    }
}
