package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.KmbException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayControlsTest {
    @TempDir
    Path dir;

    private final FakeReplayClock clock = new FakeReplayClock();
    private final CapturingBus bus = new CapturingBus(clock);
    private final ReplayEngine engine = new ReplayEngine(bus, clock);
    private final ReplayOptions fast = ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.AS_FAST_AS_POSSIBLE);

    @Test
    void stepsWhilePausedPublishExactlyTheSteppedMessages() throws Exception {
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 5)), fast);
        session.startPaused();
        assertThat(session.state()).isEqualTo(ReplayState.PAUSED);

        ReplayProgress first = session.step().get();
        assertThat(first.published()).isEqualTo(1);
        assertThat(first.state()).isEqualTo(ReplayState.PAUSED);
        ReplayProgress second = session.step().get();
        assertThat(second.published()).isEqualTo(2);
        assertThat(bus.count()).isEqualTo(2);
        assertThat(session.progress().published()).isEqualTo(2);

        session.resume();
        ReplayProgress done = Sources.finished(session);
        assertThat(done.published()).isEqualTo(5);
        assertThat(bus.messages()).extracting(m -> m.metadata().headers().get(ReplayHeaders.REPLAY_OF))
                .containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void pausingAMovingReplayHoldsItUntilStepOrResume() throws Exception {
        AtomicReference<ReplaySession> ref = new AtomicReference<>();
        bus.onPublish((count, message) -> {
            if (count == 3) {
                ref.get().pause(); // on the replay's own thread: the pause lands right after message 3
            }
            return null;
        });
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 10)), fast);
        ref.set(session);
        session.start();
        Sources.awaitState(session, ReplayState.PAUSED);

        ReplayProgress stepped = session.step().get();
        assertThat(stepped.published()).isEqualTo(4);
        assertThat(bus.count()).isEqualTo(4);
        assertThat(session.state()).isEqualTo(ReplayState.PAUSED);

        session.resume();
        assertThat(Sources.finished(session).published()).isEqualTo(10);
    }

    @Test
    void aStepSkipsPastMessagesThatCannotBeReplayedToTheNextThatCan() throws Exception {
        String tooDeep = "s.s.s.s.s.s.s.s.s.s.s.s.s.s.s.s";
        ListHistory log = new ListHistory().add(Sources.T0, Sources.message("skip", tooDeep))
                .add(Sources.T0, Sources.message("ok", "a"));
        ReplaySession session = engine.create(new ReplaySource.StoredRange(log, null, null),
                fast.withTarget(ReplayTarget.prefix("replay")));
        session.startPaused();

        ReplayProgress stepped = session.step().get();

        assertThat(stepped.skipped()).isEqualTo(1);
        assertThat(stepped.published()).isEqualTo(1);
        assertThat(bus.messages()).extracting(m -> m.metadata().headers().get(ReplayHeaders.REPLAY_OF))
                .containsExactly("ok");
    }

    @Test
    void cancelStopsPublishing() throws Exception {
        AtomicReference<ReplaySession> ref = new AtomicReference<>();
        bus.onPublish((count, message) -> {
            if (count == 3) {
                ref.get().cancel();
            }
            return null;
        });
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 10)), fast);
        ref.set(session);
        session.start();

        ReplayProgress done = Sources.finished(session);

        assertThat(done.state()).isEqualTo(ReplayState.CANCELLED);
        assertThat(bus.count()).isEqualTo(3);
        assertThat(session.cancel()).as("already over").isFalse();
    }

    @Test
    void cancellingAPausedReplayEndsIt() throws Exception {
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 3)), fast);
        session.startPaused();
        session.step().get();

        assertThat(session.cancel()).isTrue();

        assertThat(Sources.finished(session).state()).isEqualTo(ReplayState.CANCELLED);
        assertThat(bus.count()).isEqualTo(1);
    }

    @Test
    void cancellingAReplayThatNeverStartedCompletesAtOnce() throws Exception {
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 3)), fast);

        assertThat(session.cancel()).isTrue();

        assertThat(session.completion()).isCompleted();
        assertThat(Sources.finished(session).state()).isEqualTo(ReplayState.CANCELLED);
        assertThat(bus.count()).isZero();
        assertThatThrownBy(session::start).isInstanceOf(KmbException.class).hasMessageContaining("cancelled");
    }

    @Test
    void controlsThatMakeNoSenseInTheStateAreRefusedAndRepeatsAreHarmless() throws Exception {
        AtomicReference<ReplaySession> ref = new AtomicReference<>();
        bus.onPublish((count, message) -> {
            ref.get().resume(); // on the replay's thread, so certainly while it runs
            return null;
        });
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 3)), fast);
        ref.set(session);
        assertThatThrownBy(session::pause).isInstanceOf(KmbException.class).hasMessageContaining("pending");
        assertThatThrownBy(session::step).isInstanceOf(KmbException.class).hasMessageContaining("cannot be stepped");

        session.startPaused();
        session.pause();
        assertThatThrownBy(session::startPaused).isInstanceOf(KmbException.class).hasMessageContaining("cannot be started");
        session.resume();
        ReplayProgress done = Sources.finished(session);

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.failed()).as("resuming a running replay is not an error").isZero();
        assertThatThrownBy(session::pause).isInstanceOf(KmbException.class)
                .hasMessage("replay " + session.id() + " is done; it cannot be paused");
        assertThatThrownBy(session::step).isInstanceOf(KmbException.class).hasMessageContaining("is done");
    }

    @Test
    void steppingARunningReplaySaysToPauseFirst() throws Exception {
        AtomicReference<ReplaySession> ref = new AtomicReference<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        bus.onPublish((count, message) -> {
            if (count == 1) {
                try {
                    ref.get().step();
                } catch (KmbException e) {
                    refused.set(e);
                }
            }
            return null;
        });
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 2)), fast);
        ref.set(session);
        session.start();
        Sources.finished(session);

        assertThat(refused.get()).hasMessageContaining("is running").hasMessageContaining("pause it first");
    }

    @Test
    void aStepStillPendingWhenTheReplayEndsCompletesWithTheFinalProgress() throws Exception {
        AtomicReference<ReplaySession> ref = new AtomicReference<>();
        AtomicReference<java.util.concurrent.CompletableFuture<ReplayProgress>> second = new AtomicReference<>();
        // The second step is asked for while the first (and last) message is being published.
        bus.onPublish((count, message) -> {
            second.set(ref.get().step());
            return null;
        });
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 1)), fast);
        ref.set(session);
        session.startPaused();
        session.step().get();

        ReplayProgress last = second.get().get(Sources.PATIENCE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(last.state()).isEqualTo(ReplayState.DONE);
        assertThat(last.published()).isEqualTo(1);
    }
}
