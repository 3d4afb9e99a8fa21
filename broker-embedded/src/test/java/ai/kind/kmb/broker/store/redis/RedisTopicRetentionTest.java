package ai.kind.kmb.broker.store.redis;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.history.HistoryQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Topics' own retention on Redis walks the shared stream: each pass within its budget, going on
 * where the last one stopped, whichever node ran it.
 */
class RedisTopicRetentionTest {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    private static final String SHORT = "sensor.reading";
    private static final String OTHER = "sensor.calibration";
    private static final Instant AN_HOUR_LATER = T0.plus(Duration.ofHours(1));

    private final String prefix = "kmb-test-" + UUID.randomUUID();
    /** Four entries per script step, ten per pass. */
    private final RedisStoreOptions small = RedisStoreOptions.defaults(prefix).withScanChunk(4)
            .withMaxTopicRetentionScan(10);

    @AfterEach
    void deleteKeys() {
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }

    private static RetentionPolicy minuteFor(String... topics) {
        Map<String, Duration> ages = new HashMap<>();
        for (String topic : topics) {
            ages.put(topic, Duration.ofMinutes(1));
        }
        return RetentionPolicy.UNLIMITED.withTopicMaxAges(ages);
    }

    /** Thirty messages a second apart, offsets 1 to 30; offsets 1, 4, 7, ... 28 on {@code every third}. */
    private static void appendThirty(RedisStore store, String everyThird) {
        for (int i = 0; i < 30; i++) {
            store.append(message(i % 3 == 0 ? everyThird : "audit.entry"), T0.plusSeconds(i)).join();
        }
    }

    @Test
    void aPassLooksAtNoMoreThanItsBudgetAndTheNextGoesOnFromThereOnAnyNode() {
        try (RedisStore one = RedisStore.open(REDIS.redisUrl(), small);
             RedisStore other = RedisStore.open(REDIS.redisUrl(), small);
             RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            appendThirty(one, SHORT);

            assertThat(one.enforceRetention(minuteFor(SHORT), AN_HOUR_LATER)).as("offsets 1-10: 1, 4, 7, 10")
                    .isEqualTo(4);
            assertThat(admin.commands().hget(new RedisKeys(prefix).topicRetention(), SHORT)).isEqualTo("10");
            assertThat(other.enforceRetention(minuteFor(SHORT), AN_HOUR_LATER)).as("offsets 11-20: 13, 16, 19")
                    .isEqualTo(3);
            assertThat(one.enforceRetention(minuteFor(SHORT), AN_HOUR_LATER)).as("offsets 21-30: 22, 25, 28")
                    .isEqualTo(3);
            assertThat(other.enforceRetention(minuteFor(SHORT), AN_HOUR_LATER)).as("nothing left to walk").isZero();
            assertThat(one.stats().messages()).isEqualTo(20);
            assertThat(one.query(new HistoryQuery(TopicFilter.parse(SHORT), null, null, null, 0, 100))).isEmpty();
        }
    }

    @Test
    void aTopicThatJoinsARetentionAlreadyWalkedIsWalkedFromTheHead() {
        try (RedisStore store = RedisStore.open(REDIS.redisUrl(), small.withMaxTopicRetentionScan(1_000))) {
            appendThirty(store, SHORT);
            store.append(message(OTHER), T0).join();
            store.append(message(OTHER), AN_HOUR_LATER).join();
            assertThat(store.enforceRetention(minuteFor(SHORT), AN_HOUR_LATER)).isEqualTo(10);

            long removed = store.enforceRetention(minuteFor(SHORT, OTHER), AN_HOUR_LATER);

            assertThat(removed).as("the old message of the topic that joined; its young one stays").isEqualTo(1);
            assertThat(store.query(new HistoryQuery(TopicFilter.parse(OTHER), null, null, null, 0, 10)))
                    .singleElement().satisfies(kept -> assertThat(kept.receivedAt()).isEqualTo(AN_HOUR_LATER));
            assertThat(store.stats().messages()).isEqualTo(21);
        }
    }
}
