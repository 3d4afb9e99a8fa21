package ai.kind.kmb.broker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.limits.RateLimitStats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Token buckets on a hand-driven clock: no test here waits for real time to pass. */
class RateLimitsTest {
    private static final long MS = 1_000_000L;

    private long now;
    private final List<Long> pauses = new ArrayList<>();
    private final PublishPipeline pipeline = new PublishPipeline();
    private final RateLimits limits = new RateLimits(pipeline, () -> now, pauses::add);

    private static LimitSpec reject(double rate, long burst) {
        return new LimitSpec(rate, burst, LimitMode.REJECT, Duration.ZERO);
    }

    private boolean admitted(String client) {
        try {
            limits.admitClient(client);
            return true;
        } catch (KmbException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            return false;
        }
    }

    @Test
    void aBurstPassesUpToTheBucketSizeAndTheRestIsRejected() {
        limits.configure(new RateLimitConfig(reject(10, 5), List.of()));

        long accepted = 0;
        for (int i = 0; i < 50; i++) {
            accepted += admitted("agent-1") ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(5);
        assertThat(limits.stats()).singleElement().satisfies(stats -> {
            assertThat(stats.allowed()).isEqualTo(5);
            assertThat(stats.rejected()).isEqualTo(45);
            assertThat(stats.throttled()).isZero();
        });
    }

    @Test
    void overAWindowTheLimitHoldsAtBurstPlusRateTimesTime() {
        limits.configure(new RateLimitConfig(reject(10, 5), List.of()));

        long accepted = 0;
        for (int i = 0; i < 1_000; i++) {
            accepted += admitted("agent-1") ? 1 : 0;
            now += 10 * MS;
        }

        // 1,000 offered in 10 s at 100/s against 10/s: the burst, then one every 100 ms.
        long window = 9_990;
        assertThat(accepted).isBetween(5 + window / 100 - 1, 5 + window / 100);
    }

    @Test
    void aRejectionSaysWhenATokenWillBeFree() {
        limits.configure(new RateLimitConfig(reject(4, 1), List.of()));
        limits.admitClient("agent-1");

        assertThatThrownBy(() -> limits.admitClient("agent-1"))
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.getMessage()).contains("client 'agent-1'").contains("retry after 250 ms");
                    assertThat(e.details()).contains(new ErrorDetail(KmbException.RETRY_AFTER_FIELD, "250"),
                            new ErrorDetail("limit", "client"));
                });
    }

    @Test
    void eachClientHasItsOwnBucket() {
        limits.configure(new RateLimitConfig(reject(1, 2), List.of()));

        assertThat(List.of(admitted("a"), admitted("a"), admitted("a"), admitted("b"), admitted("b")))
                .containsExactly(true, true, false, true, true);
    }

    @Test
    void throttlingWaitsWithinTheBoundThenRejects() {
        limits.configure(new RateLimitConfig(
                new LimitSpec(10, 1, LimitMode.THROTTLE, Duration.ofMillis(250)), List.of()));

        // Four publishes in the same instant: one token, two reserved ahead, the fourth too far off.
        List<Boolean> outcomes = List.of(admitted("a"), admitted("a"), admitted("a"), admitted("a"));

        assertThat(outcomes).containsExactly(true, true, true, false);
        assertThat(pauses).containsExactly(100 * MS, 200 * MS);
        RateLimitStats stats = limits.stats().getFirst();
        assertThat(List.of(stats.allowed(), stats.throttled(), stats.rejected())).containsExactly(1L, 2L, 1L);
    }

    @Test
    void aTopicLimitIsAPublishStepSharedByAllPublishersOfMatchingTopics() {
        limits.configure(new RateLimitConfig(null,
                List.of(new TopicLimit(TopicFilter.parse("agent.#"), reject(1, 3)))));
        try (Broker broker = new Broker(new InMemoryStore(), BrokerOptions.defaults(), Clock.systemUTC(), pipeline)) {
            long accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += published(broker, "agent.a" + (i % 2)) ? 1 : 0;
            }
            boolean otherTopic = published(broker, "orders.created");

            assertThat(accepted).isEqualTo(3);
            assertThat(otherTopic).isTrue();
            assertThat(limits.stats()).singleElement().satisfies(stats -> {
                assertThat(stats.label()).isEqualTo("topic agent.#");
                assertThat(stats.rejected()).isEqualTo(7);
            });
        }
    }

    private static boolean published(Broker broker, String topic) {
        try {
            broker.publish(Envelope.event(topic, Json.object()), PublishOptions.EPHEMERAL).join();
            return true;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(KmbException.class,
                    refused -> assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED));
            return false;
        }
    }

    @Test
    void withoutLimitsEverythingPassesAndNothingIsReported() {
        for (int i = 0; i < 100; i++) {
            limits.admitClient("a");
        }
        assertThat(limits.stats()).isEmpty();
        assertThat(pipeline.isEmpty()).isTrue();
    }
}
