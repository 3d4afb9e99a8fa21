package ai.kind.kmb.broker.store.redis;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.consumer;
import static ai.kind.kmb.broker.store.StoreFixtures.letter;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.AppendOnceRace;
import ai.kind.kmb.broker.store.MessageStoreConformanceTest;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.StoreFixtures;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.Envelope;
import io.lettuce.core.KillArgs;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance suite on Redis, each test under a key prefix of its own, plus what only Redis does. */
class RedisStoreTest extends MessageStoreConformanceTest {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    private final String prefix = "kmb-test-" + UUID.randomUUID();

    @Override
    protected MessageStore newStore() {
        return open(RedisStoreOptions.defaults(prefix));
    }

    private RedisStore open(RedisStoreOptions options) {
        return RedisStore.open(REDIS.redisUrl(), options);
    }

    @AfterEach
    void deleteKeys() {
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }

    @Test
    void everyDeathIsAddedToTheDeathsStreamWhichRemovingTheLetterLeavesAlone() {
        Envelope poison = message("jobs.poison");
        DeadLetter first = store.addDeadLetter(letter(null, poison, DeathReason.MAX_DELIVERIES, "worker", T0, "boom"))
                .join();
        store.addDeadLetter(letter(null, poison, DeathReason.REJECTED, "worker", T0.plusSeconds(5), "no")).join();
        store.removeDeadLetter(first.id());

        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            List<StreamMessage<String, String>> deaths = admin.commands().xrange(new RedisKeys(prefix).deathStream(),
                    Range.unbounded());
            assertThat(deaths).hasSize(2);
            assertThat(deaths).allSatisfy(death -> {
                assertThat(death.getBody()).containsEntry("letter", first.id()).containsEntry("topic", "jobs.poison")
                        .containsEntry("subscriber", "worker").containsEntry("message", poison.id());
            });
            assertThat(deaths.stream().map(death -> death.getBody().get("reason")))
                    .containsExactly("max_deliveries", "rejected");
        }
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        List<StoredMessage> stored = appendTopics("keep.a", "keep.b", "keep.c");
        ConsumerState orders = consumer("orders", List.of(new PendingDelivery(2, "m-2", 3, T0, "boom")));
        store.saveConsumer(orders).join();
        DeadLetter dead = store.addDeadLetter(letter("dl-1", StoreFixtures.richMessage(), DeathReason.REJECTED,
                "orders", T0, "nope")).join();
        MessageStore.LogStats stats = store.stats();
        store.close();

        store = newStore();

        assertThat(store.readAfter(0, 10)).containsExactlyElementsOf(stored);
        assertThat(store.stats()).isEqualTo(stats);
        assertThat(store.loadConsumer("orders")).hasValue(orders);
        assertThat(store.deadLetters(DeadLetterQuery.all(10))).containsExactly(dead);
        assertThat(append(message("keep.d"), T0).offset()).isEqualTo(stored.getLast().offset() + 1);
    }

    @Test
    void nodesSharingOnePrefixGetUniqueOffsetsEachInItsCallOrder() {
        try (RedisStore other = open(RedisStoreOptions.defaults(prefix))) {
            CompletableFuture<List<Long>> first = CompletableFuture.supplyAsync(() -> appendAll(store, "node.a", 300));
            CompletableFuture<List<Long>> second = CompletableFuture.supplyAsync(() -> appendAll(other, "node.b", 300));

            List<Long> a = first.join();
            List<Long> b = second.join();

            assertThat(a).isSorted().doesNotHaveDuplicates();
            assertThat(b).isSorted().doesNotHaveDuplicates().doesNotContainAnyElementsOf(a);
            List<StoredMessage> log = other.readAfter(0, 1_000);
            assertThat(offsets(log)).hasSize(600).isSorted();
            assertThat(store.lastOffset()).isEqualTo(other.lastOffset()).isEqualTo(600);
        }
    }

    @Test
    void nodesRacingToAppendTheSameIdsStoreEachOnce() {
        try (RedisStore other = open(RedisStoreOptions.defaults(prefix))) {
            AppendOnceRace.run(store, other, 300);
        }
    }

    @Test
    void offsetsAreNotReusedWhenAnotherNodeOpensAfterRetentionEmptiedTheLog() {
        appendTopics("gone.a", "gone.b");
        store.enforceRetention(new RetentionPolicy(Duration.ofSeconds(1), 0), T0.plusSeconds(60));
        store.close();

        store = newStore();

        assertThat(store.lastOffset()).isEqualTo(2);
        assertThat(append(message("gone.c"), T0).offset()).isEqualTo(3);
    }

    @Test
    void retainsAtMostMaxMessagesLikeMaxlen() {
        try (RedisStore capped = open(RedisStoreOptions.defaults(prefix + "-capped").withMaxMessages(3))) {
            for (int i = 0; i < 5; i++) {
                capped.append(message("cap.m", "m-" + i, null), T0).join();
            }

            assertThat(capped.enforceRetention(RetentionPolicy.UNLIMITED, T0)).isEqualTo(2);
            assertThat(capped.readAfter(0, 10)).extracting(m -> m.envelope().id()).containsExactly("m-2", "m-3", "m-4");
            assertThat(capped.findById("m-0", null)).isEmpty();
            assertThat(capped.stats().messages()).isEqualTo(3);
        } finally {
            try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
                admin.deleteStore(prefix + "-capped");
            }
        }
    }

    @Test
    void scansInSmallStepsFindTheSameMessages() {
        try (RedisStore stepping = open(RedisStoreOptions.defaults(prefix).withScanChunk(3))) {
            List<StoredMessage> stored = appendTopics("x.a", "y.b", "x.c", "y.d", "x.e", "y.f", "x.g");

            assertThat(stepping.query(new ai.kind.kmb.history.HistoryQuery(ai.kind.kmb.TopicFilter.parse("x.*"),
                    null, null, null, 0, 10))).containsExactly(stored.get(0), stored.get(2), stored.get(4), stored.get(6));
        }
    }

    @Test
    void callbacksRunOnTheStoresOwnThreadAndMayReadTheStore() throws Exception {
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            // Keeps Redis busy for half a second, so the callback is attached before the append completes.
            CompletableFuture<Object> busy = admin.busyFor(Duration.ofMillis(500));
            Thread.sleep(100);

            List<Object> seen = store.append(message("thread.a"), T0)
                    .thenApply(stored -> List.<Object>of(Thread.currentThread().getName(), store.readAfter(0, 10).size()))
                    .join();

            assertThat(seen).containsExactly(RedisLink.COMPLETER_NAME, 1);
            busy.join();
        }
    }

    @Test
    void anUnreachableServerIsUnavailableNamingTheUrlButNotThePassword() {
        Throwable failure = catchThrowable(() -> RedisStore.open("redis://:s3cret@127.0.0.1:1/0",
                RedisStoreOptions.defaults(prefix).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));

        assertThat(failure).isInstanceOf(KmbException.class)
                .hasMessageContaining("redis://127.0.0.1:1/0").hasMessageContaining("not reachable")
                .hasMessageNotContaining("s3cret");
        assertThat(((KmbException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void refusesAppendsOnceRedisLostTheStoresData() {
        append(message("lost.a"), T0);
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix); // what a restart without persistence, or FLUSHALL, does
        }

        Throwable failure = catchThrowable(() -> store.append(message("lost.b"), T0).join());

        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(KmbException.class)
                .hasMessageContaining("lost the store's data");
        assertThat(((KmbException) failure.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void reconnectsByItselfAfterTheConnectionIsKilled() throws Exception {
        append(message("before.kill"), T0);
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.commands().clientKill(KillArgs.Builder.typeNormal().user("default")
                    .addr(clientAddress(admin, RedisLink.clientName(prefix))));
        }

        StoredMessage after = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); after == null
                && System.nanoTime() < deadline; ) {
            try {
                after = store.append(message("after.kill"), T0).join();
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(KmbException.class);
                assertThat(((KmbException) e.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
                Thread.sleep(50);
            }
        }

        assertThat(after).as("an append once Lettuce reconnected").isNotNull();
        assertThat(store.readAfter(0, 10)).extracting(m -> m.envelope().topic()).containsExactly("before.kill",
                "after.kill");
    }

    private static String clientAddress(RedisAdmin admin, String name) {
        return admin.commands().clientList().lines().filter(line -> line.contains(" name=" + name + " "))
                .map(line -> line.replaceAll(".* addr=(\\S+) .*", "$1")).findFirst()
                .orElseThrow(() -> new AssertionError("no connection named " + name));
    }

    private static List<Long> appendAll(MessageStore target, String topic, int count) {
        List<CompletableFuture<StoredMessage>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(target.append(message(topic, topic + "-" + i, null), T0));
        }
        return futures.stream().map(future -> future.join().offset()).toList();
    }
}
