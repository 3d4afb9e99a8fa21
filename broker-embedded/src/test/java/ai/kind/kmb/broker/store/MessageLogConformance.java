package ai.kind.kmb.broker.store;

import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The message log: appends, offsets, paging, look-ups by id and time, and stats. */
public abstract class MessageLogConformance extends StoreConformanceBase {

    @Test
    void anEmptyStoreHasNothing() {
        assertThat(store.lastOffset()).isZero();
        assertThat(store.firstOffset()).isEmpty();
        assertThat(store.readAfter(0, 10)).isEmpty();
        assertThat(store.query(HistoryQuery.all(10))).isEmpty();
        assertThat(store.stats()).isEqualTo(new MessageLog.LogStats(0, 0));
    }

    @Test
    void keepsEveryPartOfTheEnvelope() {
        Envelope rich = StoreFixtures.richMessage();
        StoredMessage stored = append(rich, T0);

        assertThat(stored.offset()).isPositive();
        assertThat(stored.envelope()).isEqualTo(rich);
        assertThat(store.readAfter(0, 1)).containsExactly(new StoredMessage(stored.offset(), T0, rich));
        assertThat(EnvelopeCodec.toJsonString(store.readAfter(0, 1).getFirst().envelope()))
                .isEqualTo(EnvelopeCodec.toJsonString(rich));
    }

    @Test
    void keepsReceiveTimesToTheMicrosecond() {
        StoredMessage stored = append(message("a.b"), T0.plusNanos(123_456_789));

        Instant expected = T0.plusNanos(123_456_000);
        assertThat(stored.receivedAt()).isEqualTo(expected);
        assertThat(store.readAfter(0, 1).getFirst().receivedAt()).isEqualTo(expected);
    }

    @Test
    void appendAllStoresATransactionInOrder() {
        List<StoredMessage> stored = store.appendAll(List.of(message("tx.one"), message("tx.two"), message("tx.three")),
                T0).join();

        assertThat(topics(stored)).containsExactly("tx.one", "tx.two", "tx.three");
        assertThat(offsets(stored)).isSorted().doesNotHaveDuplicates();
        assertThat(store.readAfter(0, 10)).containsExactlyElementsOf(stored);
    }

    @Test
    void aTransactionsMessagesTakeConsecutiveOffsetsWhileOthersAppend() throws Exception {
        Thread others = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 200; i++) {
                store.append(message("other.single"), T0).join();
            }
        });
        List<List<StoredMessage>> transactions = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            List<Envelope> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(message("tx.part"));
            }
            transactions.add(store.appendAll(batch, T0).join());
        }
        others.join();

        for (List<StoredMessage> transaction : transactions) {
            long first = transaction.getFirst().offset();
            assertThat(offsets(transaction)).as("nothing else between a transaction's messages")
                    .containsExactly(first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6, first + 7,
                            first + 8, first + 9);
            assertThat(store.readAfter(first - 1, 10)).containsExactlyElementsOf(transaction);
        }
    }

    @Test
    void offsetsGrowInAppendOrderAndSurviveInLastOffset() {
        List<StoredMessage> stored = appendTopics("a.one", "a.two", "a.three");

        assertThat(offsets(stored)).isSorted().doesNotHaveDuplicates().allMatch(offset -> offset > 0);
        assertThat(store.lastOffset()).isEqualTo(stored.getLast().offset());
        assertThat(store.firstOffset()).hasValue(stored.getFirst().offset());
    }

    @Test
    void offsetsFollowCallOrderUnderConcurrentAppends() throws Exception {
        int threads = 8;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String topic = "load.thread" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    // Fire every append before waiting for any, so calls from all threads interleave.
                    List<CompletableFuture<StoredMessage>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(store.append(message(topic, topic + "-" + i, null), T0));
                    }
                    return futures.stream().map(future -> future.join().offset()).toList();
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> offsets = result.get();
                assertThat(offsets).as("one thread's offsets, in its call order").isSorted().doesNotHaveDuplicates();
                all.addAll(offsets);
            }
            assertThat(new HashSet<>(all)).hasSize(threads * perThread);
            assertThat(store.lastOffset()).isEqualTo(Collections.max(all));
        }
        List<StoredMessage> log = store.readAfter(0, threads * perThread);
        assertThat(log).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String topic = "load.thread" + t;
            List<String> ids = log.stream().filter(m -> m.envelope().topic().equals(topic))
                    .map(m -> m.envelope().id()).toList();
            assertThat(ids).as("thread %d's messages in the log", t)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, perThread)
                            .mapToObj(i -> topic + "-" + i).toList());
        }
    }

    @Test
    void readAfterPagesThroughTheLog() {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            stored.add(append(message("page.m" + i), T0));
        }
        List<StoredMessage> first = store.readAfter(0, 10);
        List<StoredMessage> second = store.readAfter(first.getLast().offset(), 10);
        List<StoredMessage> third = store.readAfter(second.getLast().offset(), 10);

        assertThat(first).containsExactlyElementsOf(stored.subList(0, 10));
        assertThat(second).containsExactlyElementsOf(stored.subList(10, 20));
        assertThat(third).containsExactlyElementsOf(stored.subList(20, 25));
        assertThat(store.readAfter(third.getLast().offset(), 10)).isEmpty();
        assertThat(store.readAfter(stored.get(3).offset(), 2)).containsExactly(stored.get(4), stored.get(5));
    }

    @Test
    void findsTheNewestMessageWithAnIdInsideTheWindow() {
        StoredMessage early = append(message("dedup.a", "m-1", null), T0);
        append(message("dedup.a", "m-2", null), T0.plusSeconds(1));

        assertThat(store.findById("m-1", T0.minusSeconds(60))).hasValue(early);
        assertThat(store.findById("m-1", T0)).as("since is inclusive").hasValue(early);
        assertThat(store.findById("m-1", T0.plusNanos(1))).as("received before the window").isEmpty();
        assertThat(store.findById("unknown", T0.minusSeconds(60))).isEmpty();

        StoredMessage again = append(message("dedup.a", "m-1", null), T0.plusSeconds(10));
        assertThat(store.findById("m-1", T0.minusSeconds(60))).hasValue(again);
        assertThat(store.findById("m-1", T0.plusSeconds(5))).hasValue(again);
    }

    @Test
    void appendingAnIdAlreadyAppendedWithinTheWindowReturnsTheEarlierMessage() {
        MessageLog.Appended first = store.appendOnce(message("once.a", "m-1", null), T0, T0.minusSeconds(60)).join();
        MessageLog.Appended again = store.appendOnce(message("once.b", "m-1", null), T0.plusSeconds(5),
                T0.minusSeconds(55)).join();
        MessageLog.Appended other = store.appendOnce(message("once.a", "m-2", null), T0.plusSeconds(6),
                T0.minusSeconds(54)).join();

        assertThat(first.repeat()).isFalse();
        assertThat(again.repeat()).isTrue();
        assertThat(again.message()).as("the earlier message, as stored").isEqualTo(first.message());
        assertThat(other.repeat()).isFalse();
        assertThat(store.readAfter(0, 10)).containsExactly(first.message(), other.message());
        assertThat(store.stats().messages()).isEqualTo(2);

        MessageLog.Appended later = store.appendOnce(message("once.a", "m-1", null), T0.plusSeconds(120),
                T0.plusSeconds(60)).join();
        assertThat(later.repeat()).as("the first copy was received before this window").isFalse();
        assertThat(later.message().offset()).isGreaterThan(other.message().offset());
    }

    @Test
    void findsTheFirstOffsetReceivedAtOrAfterATime() {
        List<StoredMessage> stored = appendTopics("t.a", "t.b", "t.c", "t.d");

        assertThat(store.firstOffsetAtOrAfter(T0.minusSeconds(1))).hasValue(stored.get(0).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(2))).hasValue(stored.get(2).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusMillis(1_500))).hasValue(stored.get(2).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(3).plusNanos(1))).isEmpty();
    }

    @Test
    void findsTheFirstOffsetAtOrAfterATimeWhenReceiveTimesAreOutOfOrder() {
        // Callers choose receive times, and nodes' clocks differ: times need not rise with offsets.
        List<StoredMessage> stored = new ArrayList<>();
        for (int seconds : new int[] {10, 30, 20, 40}) {
            stored.add(append(message("skew.t" + seconds), T0.plusSeconds(seconds)));
        }

        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(15))).hasValue(stored.get(1).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(31))).hasValue(stored.get(3).offset());
        assertThat(store.query(new HistoryQuery(null, T0.plusSeconds(15), T0.plusSeconds(35), null, 0, 10)))
                .containsExactly(stored.get(1), stored.get(2));
        assertThat(store.query(new HistoryQuery(null, T0.plusSeconds(35), null, null, 0, 10)))
                .containsExactly(stored.get(3));
    }

    @Test
    void statsCountMessagesAndTheirJsonBytes() {
        List<StoredMessage> stored = appendTopics("s.a", "s.bb", "s.ccc");
        long bytes = stored.stream().mapToLong(m -> EnvelopeCodec.toJsonBytes(m.envelope()).length).sum();

        assertThat(store.stats()).isEqualTo(new MessageLog.LogStats(3, bytes));
    }

    @Test
    void appendKeepsItsOwnCopyOfThePayload() {
        Envelope original = message("copy.a");
        append(original, T0.plus(Duration.ZERO));
        Envelope expected = message("copy.a", original.id(), null);

        ((com.fasterxml.jackson.databind.node.ObjectNode) original.payload()).put("note", "changed afterwards");

        assertThat(store.readAfter(0, 1).getFirst().envelope().payload()).isEqualTo(expected.payload());
    }
}
