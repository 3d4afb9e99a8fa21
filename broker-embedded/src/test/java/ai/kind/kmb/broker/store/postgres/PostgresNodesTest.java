package ai.kind.kmb.broker.store.postgres;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.letter;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.AppendOnceRace;
import ai.kind.kmb.broker.store.MessageLog.Appended;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stores on one schema, as two KMB nodes sharing a bus see it. */
@Timeout(60)
class PostgresNodesTest {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    private final String schema = PostgresSchemas.unique();
    private PostgresStore first;
    private PostgresStore second;

    @BeforeEach
    void openTwoNodes() {
        first = PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
        second = PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
    }

    @AfterEach
    void closeAndDrop() {
        first.close();
        second.close();
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), schema);
    }

    @Test
    void nodesGetUniqueGaplessOffsetsEachInItsCallOrder() {
        CompletableFuture<List<Long>> a = CompletableFuture.supplyAsync(() -> appendAll(first, "node.a", 400));
        CompletableFuture<List<Long>> b = CompletableFuture.supplyAsync(() -> appendAll(second, "node.b", 400));

        List<Long> fromFirst = a.join();
        List<Long> fromSecond = b.join();

        assertThat(fromFirst).isSorted().doesNotHaveDuplicates();
        assertThat(fromSecond).isSorted().doesNotHaveDuplicates().doesNotContainAnyElementsOf(fromFirst);
        List<StoredMessage> log = second.readAfter(0, 1_000);
        assertThat(log).extracting(StoredMessage::offset)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 800).boxed().toList());
        assertThat(first.stats().messages()).isEqualTo(800);
    }

    @Test
    void nodesRacingToAppendTheSameIdsStoreEachOnce() {
        AppendOnceRace.run(first, second, 300);
    }

    @Test
    void anIdAppendedTwiceInOneBatchIsStoredOnce() {
        Runnable resume = first.pauseWriter();
        CompletableFuture<Appended> one = first.appendOnce(message("batch.once", "b-1", null), T0, T0);
        CompletableFuture<Appended> two = first.appendOnce(message("batch.once", "b-1", null), T0.plusSeconds(1), T0);
        resume.run();

        assertThat(one.join().repeat()).isFalse();
        assertThat(two.join()).isEqualTo(new Appended(one.join().message(), true));
        assertThat(first.writerStats().commits()).as("both in one transaction").isEqualTo(1);
        assertThat(second.readAfter(0, 10)).containsExactly(one.join().message());
    }

    @Test
    void aNodeIsWokenWhenAnotherNodeAppends() throws Exception {
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        try (AutoCloseable listening = second.onAppended(() -> seen.add(second.lastOffset()))) {
            StoredMessage stored = first.append(message("wake.up"), T0).join();

            // A wake-up only says "look again"; the one after the commit sees the new offset.
            Long offset = seen.poll(10, TimeUnit.SECONDS);
            while (offset != null && offset < stored.offset()) {
                offset = seen.poll(10, TimeUnit.SECONDS);
            }
            assertThat(offset).as("the offset seen when woken").isEqualTo(stored.offset());
            assertThat(second.readAfter(0, 10)).containsExactly(stored);
        }
    }

    @Test
    void deathsOfOneMessageOnTwoNodesMergeIntoOneLetter() {
        Envelope poison = message("orders.created", "m-poison", null);
        List<CompletableFuture<DeadLetter>> deaths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PostgresStore node = i % 2 == 0 ? first : second;
            deaths.add(node.addDeadLetter(letter("dl-" + i, poison, DeathReason.MAX_DELIVERIES, "orders",
                    T0.plusSeconds(i), "attempt " + i)));
        }
        CompletableFuture.allOf(deaths.toArray(CompletableFuture[]::new)).join();

        List<DeadLetter> letters = first.deadLetters(DeadLetterQuery.all(0));
        assertThat(letters).hasSize(1);
        assertThat(letters.getFirst().death().deaths()).isEqualTo(20);
        // Whichever node committed first recorded the first death; each node writes its own in order.
        assertThat(letters.getFirst().death().firstDeath()).isIn(T0, T0.plusSeconds(1));
        assertThat(letters.getFirst().death().lastDeath()).isIn(T0.plusSeconds(18), T0.plusSeconds(19));
    }

    @Test
    void recoversOnceTheServerDroppedItsConnections() throws Exception {
        first.append(message("before.drop"), T0).join();
        first.readAfter(0, 1);

        PostgresSchemas.execute(POSTGRES.jdbcUrl(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name LIKE 'kmb-%:" + schema + "'");

        StoredMessage after = null;
        for (int attempt = 0; attempt < 20 && after == null; attempt++) {
            try {
                after = first.append(message("after.drop"), T0).join();
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(KmbException.class);
                assertThat(((KmbException) e.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
                Thread.sleep(100);
            }
        }
        assertThat(after).as("an append once the writer reconnected").isNotNull();
        List<StoredMessage> log = null;
        for (int attempt = 0; attempt < 20 && log == null; attempt++) {
            try {
                log = first.readAfter(0, 10);
            } catch (KmbException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            }
        }
        assertThat(log).extracting(m -> m.envelope().topic()).containsExactly("before.drop", "after.drop");
        assertThat(second.lastOffset()).isEqualTo(after.offset());
    }

    @Test
    void aWakeUpArrivesAgainAfterTheNotifierLostItsConnection() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        try (AutoCloseable listening = second.onAppended(woken::countDown)) {
            PostgresSchemas.execute(POSTGRES.jdbcUrl(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'kmb-notifier:" + schema + "'");
            Thread.sleep(Duration.ofMillis(300));

            first.append(message("wake.again"), T0).join();

            assertThat(woken.await(15, TimeUnit.SECONDS)).as("woken after the notifier reconnected").isTrue();
        }
    }

    private static List<Long> appendAll(PostgresStore node, String topic, int count) {
        List<CompletableFuture<StoredMessage>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(node.append(message(topic, topic + "-" + i, null), T0));
        }
        return futures.stream().map(future -> future.join().offset()).toList();
    }
}
