package ai.kind.kmb.broker.store;

import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.TopicFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} engine must do, written against the interface alone. An engine's
 * test extends this class and implements {@link #newStore()}; engine-specific behaviour (durability,
 * group commit) goes in that subclass. The suite is split along a chain of abstract classes to keep
 * files short: {@link MessageLogConformance}, {@link HistoryQueryConformance},
 * {@link ConsumerAndDeadLetterConformance}, and retention and closing here.
 */
public abstract class MessageStoreConformanceTest extends ConsumerAndDeadLetterConformance {
    private static final String SHORT = "sensor.reading";
    private static final String LONG = "audit.entry";

    @Test
    void retentionDeletesByAge() {
        List<StoredMessage> stored = appendMinutesApart(10);

        long removed = store.enforceRetention(new RetentionPolicy(Duration.ofMinutes(5), 0), T0.plusSeconds(600));

        assertThat(removed).isEqualTo(5);
        assertThat(store.readAfter(0, 100)).containsExactlyElementsOf(stored.subList(5, 10));
        assertThat(store.firstOffset()).hasValue(stored.get(5).offset());
        assertThat(store.lastOffset()).isEqualTo(stored.getLast().offset());
        assertThat(store.stats().messages()).isEqualTo(5);
        assertThat(store.findById(stored.getFirst().envelope().id(), T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void retentionDeletesOldestFirstUntilTheBytesFit() {
        List<StoredMessage> stored = appendMinutesApart(10);
        long each = store.stats().bytes() / 10;

        long removed = store.enforceRetention(new RetentionPolicy(null, 3 * each + each / 2), T0);

        assertThat(removed).isEqualTo(7);
        assertThat(store.readAfter(0, 100)).containsExactlyElementsOf(stored.subList(7, 10));
        assertThat(store.stats()).isEqualTo(new MessageLog.LogStats(3, 3 * each));
    }

    @Test
    void retentionAppliesAgeThenBytes() {
        List<StoredMessage> stored = appendMinutesApart(10);
        long each = store.stats().bytes() / 10;

        long removed = store.enforceRetention(new RetentionPolicy(Duration.ofMinutes(8), 2 * each),
                T0.plusSeconds(600));

        assertThat(removed).isEqualTo(8);
        assertThat(store.readAfter(0, 100)).containsExactlyElementsOf(stored.subList(8, 10));
    }

    @Test
    void findsOffsetsByTimeAfterRetentionRemovedTheOldestOfOutOfOrderTimes() {
        List<StoredMessage> stored = new ArrayList<>();
        for (int seconds : new int[] {10, 30, 20, 40}) {
            stored.add(append(message("skew.topic", "skew-" + seconds, null), T0.plusSeconds(seconds)));
        }
        long each = store.stats().bytes() / 4;

        assertThat(store.enforceRetention(new RetentionPolicy(null, 2 * each), T0)).isEqualTo(2);

        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(15))).hasValue(stored.get(2).offset());
        assertThat(store.firstOffsetAtOrAfter(T0)).hasValue(stored.get(2).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(25))).hasValue(stored.get(3).offset());
    }

    @Test
    void unlimitedRetentionKeepsEverything() {
        appendMinutesApart(3);

        assertThat(store.enforceRetention(RetentionPolicy.UNLIMITED, T0.plus(Duration.ofDays(3650)))).isZero();
        assertThat(store.stats().messages()).isEqualTo(3);
    }

    @Test
    void offsetsAreNeverReusedAfterRetentionEmptiesTheLog() {
        List<StoredMessage> stored = appendMinutesApart(3);

        assertThat(store.enforceRetention(new RetentionPolicy(Duration.ofSeconds(1), 0), T0.plusSeconds(3600)))
                .isEqualTo(3);
        assertThat(store.firstOffset()).isEmpty();
        assertThat(store.stats()).isEqualTo(new MessageLog.LogStats(0, 0));
        assertThat(store.lastOffset()).isEqualTo(stored.getLast().offset());

        StoredMessage next = append(message("after.retention"), T0.plusSeconds(3600));
        assertThat(next.offset()).isGreaterThan(stored.getLast().offset());
    }

    @Test
    void aTopicsOwnRetentionDeletesItsOldMessagesAndLeavesOtherTopicsEquallyOld() {
        List<StoredMessage> stored = appendTwoTopicsMinutesApart(10, "trace-1");
        RetentionPolicy policy = RetentionPolicy.UNLIMITED.withTopicMaxAges(Map.of(SHORT, Duration.ofMinutes(5)));

        long removed = store.enforceRetention(policy, T0.plus(Duration.ofMinutes(10)));

        List<StoredMessage> kept = stored.stream().filter(message -> !message.envelope().topic().equals(SHORT)
                || !message.receivedAt().isBefore(T0.plus(Duration.ofMinutes(5)))).toList();
        assertThat(removed).isEqualTo(5);
        assertThat(store.readAfter(0, 100)).as("younger than its retention, or on another topic: kept")
                .containsExactlyElementsOf(kept);
        assertThat(store.query(HistoryQuery.all(100))).containsExactlyElementsOf(kept);
        assertThat(store.query(new HistoryQuery(null, null, null, "trace-1", 0, 100))).containsExactlyElementsOf(kept);
        assertThat(store.stats().messages()).isEqualTo(15);
        assertThat(store.stats().bytes()).isEqualTo(kept.stream().mapToLong(MessageStoreConformanceTest::size).sum());
        assertThat(store.findById(stored.get(0).envelope().id(), T0.minusSeconds(1))).isEmpty();
        assertThat(store.findById(stored.get(1).envelope().id(), T0.minusSeconds(1))).hasValue(stored.get(1));
        assertThat(store.firstOffsetAtOrAfter(T0.plus(Duration.ofMinutes(2)))).as("short-2 is gone, long-2 is next")
                .hasValue(stored.get(5).offset());
        assertThat(store.lastOffset()).isEqualTo(stored.getLast().offset());
    }

    @Test
    void aLaterPassTakesWhatAgedSinceTheLastAndLeavesTheRest() {
        List<StoredMessage> stored = appendTwoTopicsMinutesApart(10, null);
        RetentionPolicy policy = RetentionPolicy.UNLIMITED.withTopicMaxAges(Map.of(SHORT, Duration.ofMinutes(5)));
        store.enforceRetention(policy, T0.plus(Duration.ofMinutes(10)));

        long removed = store.enforceRetention(policy, T0.plus(Duration.ofMinutes(13)));

        assertThat(removed).isEqualTo(3);
        assertThat(topics(store.query(new HistoryQuery(TopicFilter.parse(SHORT), null, null, null, 0, 100))))
                .hasSize(2);
        assertThat(offsets(store.query(new HistoryQuery(TopicFilter.parse(LONG), null, null, null, 0, 100))))
                .containsExactlyElementsOf(offsets(stored.stream()
                        .filter(message -> message.envelope().topic().equals(LONG)).toList()));
    }

    @Test
    void theShorterOfTheLogsAgeAndATopicsOwnWins() {
        appendTwoTopicsMinutesApart(10, null);
        RetentionPolicy policy = new RetentionPolicy(Duration.ofMinutes(8), 0)
                .withTopicMaxAges(Map.of(SHORT, Duration.ofMinutes(3), LONG, Duration.ofMinutes(30)));

        long removed = store.enforceRetention(policy, T0.plus(Duration.ofMinutes(10)));

        assertThat(removed).as("minutes 0-1 of both by the log's age, 2-6 of the short one by its own").isEqualTo(9);
        assertThat(store.readAfter(0, 100)).extracting(StoredMessage::receivedAt).allSatisfy(at ->
                assertThat(at).isAfterOrEqualTo(T0.plus(Duration.ofMinutes(2))));
        assertThat(store.query(new HistoryQuery(TopicFilter.parse(SHORT), null, null, null, 0, 100)))
                .extracting(StoredMessage::receivedAt).containsExactly(T0.plus(Duration.ofMinutes(7)),
                        T0.plus(Duration.ofMinutes(8)), T0.plus(Duration.ofMinutes(9)));
    }

    @Test
    void findsOffsetsByTimeAfterATopicsRetentionRemovedAMessageAheadOfOlderOnes() {
        List<StoredMessage> stored = new ArrayList<>();
        String[] topics = {LONG, SHORT, LONG, LONG};
        int[] seconds = {10, 100, 90, 110};
        for (int i = 0; i < topics.length; i++) {
            stored.add(append(message(topics[i]), T0.plusSeconds(seconds[i])));
        }

        assertThat(store.enforceRetention(RetentionPolicy.UNLIMITED.withTopicMaxAges(Map.of(SHORT,
                Duration.ofSeconds(1))), T0.plusSeconds(200))).isEqualTo(1);

        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(85))).hasValue(stored.get(2).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(95))).hasValue(stored.get(3).offset());
        assertThat(store.firstOffsetAtOrAfter(T0.plusSeconds(111))).isEmpty();
    }

    @Test
    void aClosedStoreRefusesWithAClearError() {
        append(message("before.close"), T0);
        store.close();
        store.close();

        Throwable appendFailure = unwrap(() -> store.append(message("after.close"), T0).join());
        assertThat(appendFailure).isInstanceOf(KmbException.class).hasMessageContaining("closed");
        assertThat(((KmbException) appendFailure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThatThrownBy(() -> store.readAfter(0, 10)).isInstanceOf(KmbException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.deadLetters(DeadLetterQuery.all(1))).isInstanceOf(KmbException.class);
        assertThat(unwrap(() -> store.saveConsumer(StoreFixtures.consumer("c", List.of())).join()))
                .isInstanceOf(KmbException.class);
    }

    /** Messages one minute apart from T0, all the same size. */
    protected List<StoredMessage> appendMinutesApart(int count) {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(append(message("retention.topic", "msg-" + i, null), T0.plus(Duration.ofMinutes(i))));
        }
        return stored;
    }

    /**
     * Per minute from T0, one message on {@link #SHORT} at the minute and one on {@link #LONG} half a
     * minute later, so every other message of the log is the short-lived topic's.
     */
    private List<StoredMessage> appendTwoTopicsMinutesApart(int minutes, String traceId) {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            Instant minute = T0.plus(Duration.ofMinutes(i));
            stored.add(append(message(SHORT, "short-" + i, traceId), minute));
            stored.add(append(message(LONG, "long-" + i, traceId), minute.plusSeconds(30)));
        }
        return stored;
    }

    private static long size(StoredMessage message) {
        return EnvelopeCodec.toJsonBytes(message.envelope()).length;
    }

    private static Throwable unwrap(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
