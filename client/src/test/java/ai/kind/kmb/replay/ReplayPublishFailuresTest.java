package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReplayPublishFailuresTest {
    private final FakeReplayClock clock = new FakeReplayClock();
    private final CapturingBus bus = new CapturingBus(clock);
    private final ReplayEngine engine = new ReplayEngine(bus, clock);
    private final ReplayOptions fast = ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.AS_FAST_AS_POSSIBLE);

    private static ListHistory log(String... topics) {
        ListHistory log = new ListHistory();
        for (int i = 0; i < topics.length; i++) {
            log.add(Sources.T0, Sources.message("m" + (i + 1), topics[i]));
        }
        return log;
    }

    @Test
    void aRefusedPublishIsCountedWithTheBusReason() throws Exception {
        bus.onPublish((count, message) -> message.topic().startsWith("cmd")
                ? new KmbException(ErrorCode.NO_RESPONDERS, "nobody subscribes to cmd.x") : null);
        ReplaySession session = engine.start(new ReplaySource.StoredRange(log("a", "cmd.x", "b"), null, null), fast);

        ReplayProgress done = Sources.finished(session);

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.published()).isEqualTo(2);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(session.issues()).singleElement().isEqualTo(new ReplayIssue(ReplayIssue.Kind.PUBLISH_FAILED, "m2",
                "cmd.x", "no_responders: nobody subscribes to cmd.x"));
    }

    @Test
    void aBusThatThrowsInsteadOfFailingTheFutureIsCountedTheSameWay() throws Exception {
        bus.onPublish((count, message) -> {
            if (count == 1) {
                throw new IllegalStateException("bus closed");
            }
            return null;
        });
        ReplaySession session = engine.start(new ReplaySource.StoredRange(log("a", "b"), null, null), fast);

        ReplayProgress done = Sources.finished(session);

        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.published()).isEqualTo(1);
        assertThat(session.issues()).extracting(ReplayIssue::reason).containsExactly("IllegalStateException: bus closed");
    }

    @Test
    void doneWaitsForEveryPublishToSettle() throws Exception {
        List<CompletableFuture<PublishAck>> held = new ArrayList<>();
        bus.acks(message -> {
            CompletableFuture<PublishAck> ack = new CompletableFuture<>();
            synchronized (held) {
                held.add(ack);
            }
            return ack;
        });
        ReplaySession session = engine.start(new ReplaySource.StoredRange(log("a", "b", "c"), null, null), fast);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Sources.PATIENCE_SECONDS);
        while (bus.count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(session.state()).isEqualTo(ReplayState.RUNNING);

        synchronized (held) {
            held.get(0).complete(new PublishAck("x", 1, false));
            held.get(1).completeExceptionally(new KmbException(ErrorCode.UNAVAILABLE, "disk full"));
            held.get(2).complete(new PublishAck("z", 3, false));
        }
        ReplayProgress done = Sources.finished(session);

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.published()).isEqualTo(2);
        assertThat(done.failed()).isEqualTo(1);
    }
}
