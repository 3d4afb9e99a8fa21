package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.history.HistoryQuery;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplayStoredRangeTest {
    private final FakeReplayClock clock = new FakeReplayClock();
    private final CapturingBus bus = new CapturingBus(clock);
    private final ReplayEngine engine = new ReplayEngine(bus, clock);
    private final ReplayOptions fast = ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.AS_FAST_AS_POSSIBLE);

    private static ListHistory logOf(int messages) {
        ListHistory log = new ListHistory();
        for (int i = 1; i <= messages; i++) {
            log.add(Sources.T0.plusSeconds(i), Sources.message("m" + i, i % 2 == 0 ? "even.n" : "odd.n"));
        }
        return log;
    }

    @Test
    void aStoredRangeIsReadAPageAtATime() throws Exception {
        ListHistory log = logOf(25);

        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.StoredRange(log, null, null, 10), fast));

        assertThat(done.published()).isEqualTo(25);
        assertThat(bus.messages()).extracting(m -> m.metadata().headers().get(ReplayHeaders.REPLAY_OF))
                .startsWith("m1", "m2", "m3").endsWith("m25");
        assertThat(log.queries()).isNotEmpty().allSatisfy(query -> assertThat(query.limit()).isEqualTo(10));
        assertThat(log.queries()).extracting(HistoryQuery::after).contains(0L, 10L, 20L);
    }

    @Test
    void onlyMessagesReceivedInTheRangeAreReplayed() throws Exception {
        ListHistory log = logOf(10);
        Instant from = Sources.T0.plusSeconds(3);
        Instant to = Sources.T0.plusSeconds(6);

        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.StoredRange(log, from, to), fast));

        assertThat(done.published()).isEqualTo(3);
        assertThat(bus.messages()).extracting(m -> m.metadata().headers().get(ReplayHeaders.REPLAY_OF))
                .containsExactly("m3", "m4", "m5");
    }

    @Test
    void theFilterIsAppliedByTheStoreQuery() throws Exception {
        ListHistory log = logOf(10);

        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.StoredRange(log, null, null),
                fast.withFilter("even.*")));

        assertThat(done.published()).isEqualTo(5);
        assertThat(bus.messages()).extracting(Envelope::topic).containsOnly("even.n");
        assertThat(log.queries()).extracting(HistoryQuery::filter).containsOnly(TopicFilter.parse("even.*"));
    }

    @Test
    void aReplayIntoTheSameLogDoesNotReplayItsOwnOutput() throws Exception {
        ListHistory log = logOf(12);
        bus.appendingTo(log);

        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.StoredRange(log, null, null, 5),
                fast.withDurable(true)));

        assertThat(done.published()).isEqualTo(12);
        assertThat(log.size()).isEqualTo(24);
    }

    @Test
    void theTotalIsCountedBeforeTheReplayGetsThere() throws Exception {
        ListHistory log = logOf(30);
        ReplaySession session = engine.create(new ReplaySource.StoredRange(log, null, null, 7), fast.withFilter("odd.*"));
        session.startPaused();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sources.PATIENCE_SECONDS);
        while (session.progress().total() == ReplayProgress.UNKNOWN && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }

        ReplayProgress paused = session.progress();
        assertThat(paused.total()).isEqualTo(15);
        assertThat(paused.published()).isZero();
        session.cancel();
    }

    @Test
    void progressCountsAndPositionFollowTheReplay() throws Exception {
        ListHistory log = logOf(4);
        ReplaySession session = engine.create(new ReplaySource.StoredRange(log, null, null), fast);
        assertThat(session.progress()).isEqualTo(new ReplayProgress(session.id(), ReplayState.PENDING, 0, 0, 0,
                ReplayProgress.UNKNOWN, null, null));
        session.startPaused();

        ReplayProgress afterTwo = session.step().thenCompose(p -> session.step()).get();
        assertThat(afterTwo.published()).isEqualTo(2);
        assertThat(afterTwo.position()).isEqualTo(Sources.T0.plusSeconds(2));
        assertThat(afterTwo.handled()).isEqualTo(2);

        session.resume();
        ReplayProgress done = Sources.finished(session);
        assertThat(done).isEqualTo(new ReplayProgress(session.id(), ReplayState.DONE, 4, 0, 0, 4,
                Sources.T0.plusSeconds(4), null));
    }

    @Test
    void aStoreThatFailsEndsTheReplayAsFailedWithTheReason() throws Exception {
        ListHistory log = logOf(3);
        log.failQueriesWith(new IllegalStateException("database is locked"));

        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.StoredRange(log, null, null), fast));

        assertThat(done.state()).isEqualTo(ReplayState.FAILED);
        assertThat(done.failure()).contains("stored messages").contains("database is locked");
        assertThat(bus.count()).isZero();
    }
}
