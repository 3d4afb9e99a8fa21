package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.recording.RecordingFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayEngineTest {
    @TempDir
    Path dir;

    private final FakeReplayClock clock = new FakeReplayClock();
    private final ReplayEngine engine = new ReplayEngine(new CapturingBus(clock), clock);
    private final ReplayOptions fast = ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.AS_FAST_AS_POSSIBLE);

    @Test
    void sessionsGetTheirOwnIdsAndCanBeFoundAndListed() throws Exception {
        ReplaySource source = new ReplaySource.RecordingFile(Sources.recording(dir, 2));
        ReplaySession first = engine.create(source, fast);
        ReplaySession second = engine.start(source, fast);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.state()).isEqualTo(ReplayState.PENDING);
        assertThat(engine.session(second.id())).containsSame(second);
        assertThat(engine.session("nope")).isEmpty();
        assertThat(engine.sessions()).containsExactly(first, second);
        assertThat(Sources.finished(second).state()).isEqualTo(ReplayState.DONE);
    }

    @Test
    void aMissingRecordingIsRefusedWhenTheSessionIsCreated() {
        Path absent = dir.resolve("absent.ndjson");
        assertThatThrownBy(() -> engine.create(new ReplaySource.RecordingFile(absent), fast))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining(absent.toString());
        assertThat(engine.sessions()).isEmpty();
    }

    @Test
    void aFileThatIsNotARecordingIsRefusedWhenTheSessionIsCreated() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThatThrownBy(() -> engine.create(new ReplaySource.RecordingFile(notes), fast))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining(notes.toString());
    }

    @Test
    void removingASessionCancelsIt() throws Exception {
        ReplaySession session = engine.create(new ReplaySource.RecordingFile(Sources.recording(dir, 2)), fast);
        session.startPaused();

        assertThat(engine.remove(session.id())).isTrue();

        assertThat(Sources.finished(session).state()).isEqualTo(ReplayState.CANCELLED);
        assertThat(engine.sessions()).isEmpty();
        assertThat(engine.remove(session.id())).isFalse();
    }

    @Test
    void closingCancelsEverySessionAndRefusesNewOnes() throws Exception {
        ReplaySource source = new ReplaySource.RecordingFile(Sources.recording(dir, 2));
        ReplaySession paused = engine.create(source, fast);
        paused.startPaused();
        ReplaySession pending = engine.create(source, fast);

        engine.close();

        assertThat(Sources.finished(paused).state()).isEqualTo(ReplayState.CANCELLED);
        assertThat(Sources.finished(pending).state()).isEqualTo(ReplayState.CANCELLED);
        assertThatThrownBy(() -> engine.create(source, fast)).isInstanceOfSatisfying(KmbException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void onlyTheNewestFinishedSessionsAreKept() throws Exception {
        ReplaySource source = new ReplaySource.RecordingFile(Sources.recording(dir, 1));
        ReplaySession oldest = engine.create(source, fast);
        oldest.cancel();
        for (int i = 0; i < ReplayEngine.FINISHED_KEPT; i++) {
            engine.create(source, fast).cancel();
        }
        ReplaySession live = engine.create(source, fast);

        assertThat(engine.session(oldest.id())).isEmpty();
        assertThat(engine.session(live.id())).isPresent();
        assertThat(engine.sessions()).hasSize(ReplayEngine.FINISHED_KEPT + 1);
    }
}
