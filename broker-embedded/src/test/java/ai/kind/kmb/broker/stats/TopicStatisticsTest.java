package ai.kind.kmb.broker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.ManualClock;
import ai.kind.kmb.topics.TopicSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicStatisticsTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(START);

    @Test
    void countsPerTopicAndAveragesTheRateOverTheLastMinute() {
        TopicStatistics statistics = new TopicStatistics(clock, 100);
        for (int second = 0; second < 30; second++) {
            statistics.record("a");
            statistics.record("a");
            clock.advance(Duration.ofSeconds(1));
        }
        statistics.record("b");

        TopicSnapshot a = statistics.snapshot().getFirst();
        assertThat(a.topic()).isEqualTo("a");
        assertThat(a.count()).isEqualTo(60);
        assertThat(a.ratePerSecond()).isEqualTo(1.0);
        assertThat(statistics.snapshot()).extracting(TopicSnapshot::topic).containsExactly("a", "b");
        assertThat(statistics.published()).isEqualTo(61);
    }

    @Test
    void theRateFallsToZeroOnceAMinutePassesWithoutMessages() {
        TopicStatistics statistics = new TopicStatistics(clock, 100);
        statistics.record("a");

        clock.advance(Duration.ofSeconds(61));

        assertThat(statistics.snapshot().getFirst().ratePerSecond()).isZero();
        assertThat(statistics.snapshot().getFirst().count()).isEqualTo(1);
        assertThat(statistics.snapshot().getFirst().lastPublished()).isEqualTo(START);
    }

    @Test
    void topicsPastTheCapAreCountedButNotTracked() {
        TopicStatistics statistics = new TopicStatistics(clock, 2);

        statistics.record("a");
        statistics.record("b");
        statistics.record("c");
        statistics.record("a");

        assertThat(statistics.snapshot()).extracting(TopicSnapshot::topic).containsExactly("a", "b");
        assertThat(statistics.untracked()).isEqualTo(1);
        assertThat(statistics.published()).isEqualTo(4);
    }
}
