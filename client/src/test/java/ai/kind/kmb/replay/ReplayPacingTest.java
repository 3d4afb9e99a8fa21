package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPacingTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final FakeReplayClock clock = new FakeReplayClock();
    private final CapturingBus bus = new CapturingBus(clock);
    private final ReplayEngine engine = new ReplayEngine(bus, clock);

    /** Receive times 0 s, 1 s, 3 s and 3.5 s: gaps of 1 s, 2 s and 0.5 s. */
    private Path recording() throws Exception {
        return Sources.recording(dir, "a.b", Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(3500));
    }

    @Test
    void realTimeKeepsTheOriginalSpacing() throws Exception {
        replay(ReplaySpeed.REAL_TIME);

        assertThat(gaps()).containsExactly(SECOND, 2 * SECOND, SECOND / 2);
    }

    @Test
    void doubleSpeedHalvesTheSpacing() throws Exception {
        replay(ReplaySpeed.times(2));

        assertThat(gaps()).containsExactly(SECOND / 2, SECOND, SECOND / 4);
    }

    @Test
    void halfSpeedDoublesTheSpacing() throws Exception {
        replay(ReplaySpeed.times(0.5));

        assertThat(gaps()).containsExactly(2 * SECOND, 4 * SECOND, SECOND);
    }

    @Test
    void asFastAsPossibleDoesNotWait() throws Exception {
        long before = clock.nanoTime();
        replay(ReplaySpeed.AS_FAST_AS_POSSIBLE);

        assertThat(gaps()).containsOnly(0L);
        assertThat(clock.nanoTime()).isEqualTo(before);
    }

    @Test
    void aMessageReceivedEarlierThanTheOneBeforeIsPublishedAtOnce() throws Exception {
        Path path = Sources.recording(dir, "a.b", Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(6));

        Sources.finished(engine.start(new ReplaySource.RecordingFile(path), ReplayOptions.DEFAULT));

        assertThat(gaps()).containsExactly(0L, SECOND);
    }

    @Test
    void afterResumingTheNextMessageKeepsItsGapFromTheMomentOfResuming() throws Exception {
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(recording()), ReplayOptions.DEFAULT);
        session.startPaused();
        session.step().get();
        clock.advance(100 * SECOND); // someone looks at the first message for a while

        session.resume();
        Sources.finished(session);

        // Not bunched up to catch up on the pause: the second message comes 1 s after the resume.
        assertThat(gaps()).containsExactly(100 * SECOND + SECOND, 2 * SECOND, SECOND / 2);
    }

    private void replay(ReplaySpeed speed) throws Exception {
        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.RecordingFile(recording()),
                ReplayOptions.DEFAULT.withSpeed(speed)));
        assertThat(done.published()).isEqualTo(4);
    }

    private List<Long> gaps() {
        List<CapturingBus.Published> published = bus.published();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < published.size(); i++) {
            gaps.add(published.get(i).atNanos() - published.get(i - 1).atNanos());
        }
        return gaps;
    }
}
