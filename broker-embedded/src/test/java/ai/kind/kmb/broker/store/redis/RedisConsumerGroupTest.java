package ai.kind.kmb.broker.store.redis;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.history.StoredMessage;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumer groups on a store's log: how several nodes will share one durable subscription. */
@Timeout(60)
class RedisConsumerGroupTest {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    private final String prefix = "kmb-test-" + UUID.randomUUID();
    private final RedisStoreOptions options = RedisStoreOptions.defaults(prefix);
    private final RedisStore store = RedisStore.open(REDIS.redisUrl(), options);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAndDelete() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        store.close();
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }

    private RedisConsumerGroup member(String name) {
        RedisConsumerGroup member = RedisConsumerGroup.join(RedisURI.create(REDIS.redisUrl()), options, "workers", name, 0);
        opened.add(member);
        return member;
    }

    private List<StoredMessage> append(int count) {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(store.append(message("jobs.run", "job-" + i, null), T0).join());
        }
        return stored;
    }

    private static List<Long> offsets(List<RedisConsumerGroup.Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.message().offset()).toList();
    }

    @Test
    void eachEntryGoesToOneMemberOfTheGroup() {
        RedisConsumerGroup a = member("node-a");
        RedisConsumerGroup b = member("node-b");
        List<StoredMessage> stored = append(10);

        List<RedisConsumerGroup.Delivery> first = a.read(4, Duration.ofMillis(100));
        List<RedisConsumerGroup.Delivery> second = b.read(100, Duration.ofMillis(100));

        assertThat(offsets(first)).hasSize(4).doesNotContainAnyElementsOf(offsets(second));
        Set<Long> all = new HashSet<>(offsets(first));
        all.addAll(offsets(second));
        assertThat(all).containsExactlyInAnyOrderElementsOf(stored.stream().map(StoredMessage::offset).toList());
        assertThat(first.getFirst().message()).isEqualTo(stored.getFirst());
        assertThat(first).allSatisfy(delivery -> assertThat(delivery.deliveries()).isEqualTo(1));
    }

    @Test
    void anEntryLeftUnacknowledgedIsClaimedByAnotherMemberWithItsDeliveryCounted() throws Exception {
        RedisConsumerGroup a = member("node-a");
        RedisConsumerGroup b = member("node-b");
        append(3);
        List<RedisConsumerGroup.Delivery> taken = a.read(10, Duration.ofMillis(100));
        a.ack(taken.getFirst().message().offset());

        assertThat(b.claimStale(Duration.ofSeconds(30), 10)).as("not idle long enough yet").isEmpty();
        Thread.sleep(150);
        List<RedisConsumerGroup.Delivery> claimed = b.claimStale(Duration.ofMillis(100), 10);

        assertThat(offsets(claimed)).containsExactlyElementsOf(offsets(taken.subList(1, 3)));
        assertThat(claimed).allSatisfy(delivery -> assertThat(delivery.deliveries()).isEqualTo(2));
        assertThat(b.ack(offsets(claimed).stream().mapToLong(Long::longValue).toArray())).isEqualTo(2);
        assertThat(a.pending()).isZero();
    }

    @Test
    void aBlockedReadReturnsAsSoonAsAnEntryArrives() {
        RedisConsumerGroup a = member("node-a");
        CompletableFuture<List<RedisConsumerGroup.Delivery>> waiting = CompletableFuture.supplyAsync(
                () -> a.read(10, Duration.ofSeconds(5)));

        StoredMessage stored = append(1).getFirst();

        assertThat(offsets(waiting.join())).containsExactly(stored.offset());
    }

    @Test
    void anAckDoesNotQueueBehindABlockedRead() throws Exception {
        RedisConsumerGroup a = member("node-a");
        append(1);
        List<RedisConsumerGroup.Delivery> taken = a.read(10, Duration.ofMillis(100));
        CompletableFuture<List<RedisConsumerGroup.Delivery>> waiting = CompletableFuture.supplyAsync(
                () -> a.read(10, Duration.ofSeconds(5)));
        Thread.sleep(200); // the read is now blocked in Redis

        assertThat(a.ack(taken.getFirst().message().offset())).isEqualTo(1);

        assertThat(waiting).as("the read is still waiting: the ack went on another connection").isNotDone();
        append(1);
        assertThat(waiting.join()).hasSize(1);
    }

    @Test
    void aGroupRedisLostIsCreatedAgainAndDeliversFromTheRetainedStart() {
        RedisConsumerGroup a = member("node-a");
        List<StoredMessage> stored = append(2);
        a.read(10, Duration.ofMillis(100));
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.commands().xgroupDestroy(new RedisKeys(prefix).log(), "workers");
        }

        List<RedisConsumerGroup.Delivery> again = a.read(10, Duration.ofMillis(100));

        assertThat(offsets(again)).as("at least once: redelivered rather than lost")
                .containsExactlyElementsOf(stored.stream().map(StoredMessage::offset).toList());
    }
}
