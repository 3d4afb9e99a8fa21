package ai.kind.kmb.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.recording.RecordingHeader;
import ai.kind.kmb.recording.RecordingWriter;
import ai.kind.kmb.replay.ReplayState;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.Envelopes;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayModelTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final InMemoryBus bus = new InMemoryBus();
    private final ReplayModel model = new ReplayModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC());

    {
        // The in-memory bus stores durable publishes only, and the history is how these tests look.
        model.durableProperty().set(true);
    }
    @TempDir
    Path directory;

    private Path recording(int messages) throws Exception {
        Path file = directory.resolve("r.ndjson");
        try (RecordingWriter writer = RecordingWriter.create(file, RecordingHeader.of("test", "#", T0))) {
            for (int i = 0; i < messages; i++) {
                writer.write(T0.plusMillis(i * 10L), i + 1, Envelopes.event("orders.placed", "t", "p", T0));
            }
        }
        return file;
    }

    private void awaitEnd() throws InterruptedException {
        for (int i = 0; i < 500 && model.activeProperty().get(); i++) {
            Thread.sleep(10);
        }
        assertThat(model.activeProperty().get()).as("the replay ended").isFalse();
    }

    @Test
    void replaysARecordingAsFastAsPossibleUnderAPrefix() throws Exception {
        model.recordingProperty().set(recording(3).toString());
        model.speedProperty().set("max");
        model.targetPrefixProperty().set("replay");

        model.start(false);
        awaitEnd();

        assertThat(model.stateProperty().get()).isEqualTo(ReplayState.DONE);
        assertThat(model.progressProperty().get()).startsWith("done · 3 of 3 · published 3 · skipped 0 · failed 0");
        assertThat(model.fractionProperty().get()).isEqualTo(1.0);
        assertThat(bus.query(HistoryQuery.all(10))).extracting(m -> m.envelope().topic())
                .containsExactly("replay.orders.placed", "replay.orders.placed", "replay.orders.placed");
    }

    @Test
    void aPausedReplayStepsOneMessageAtATime() throws Exception {
        model.recordingProperty().set(recording(3).toString());
        model.start(true);
        assertThat(model.stateProperty().get()).isEqualTo(ReplayState.PAUSED);

        model.step();
        for (int i = 0; i < 200 && bus.lastOffset() < 1; i++) {
            Thread.sleep(10);
        }
        assertThat(bus.lastOffset()).isEqualTo(1);

        model.cancel();
        awaitEnd();
        assertThat(model.stateProperty().get()).isEqualTo(ReplayState.CANCELLED);
        model.pause();
        assertThat(model.errorProperty().get()).startsWith("Pause failed: bad_request: replay ");
    }

    @Test
    void replaysAStoredRangeWithAFilter() throws Exception {
        Instant now = Instant.now();
        bus.store(now.minusSeconds(60), Envelopes.event("orders.placed", null, "p", now));
        bus.store(now.minusSeconds(50), Envelopes.event("stock.changed", null, "s", now));
        model.sourceKindProperty().set(ReplayModel.SourceKind.STORED_RANGE);
        model.fromProperty().set("-5m");
        model.filterProperty().set("orders.#");
        model.speedProperty().set("max");

        model.start(false);
        awaitEnd();

        assertThat(model.progressProperty().get()).startsWith("done · 1 of 1 · published 1");
        assertThat(bus.lastOffset()).isEqualTo(3);
    }

    @Test
    void badOptionsAndMissingFilesAreSaid() {
        model.start(false);
        assertThat(model.errorProperty().get()).isEqualTo("Choose a recording file to replay");

        model.recordingProperty().set(directory.resolve("missing.ndjson").toString());
        model.start(false);
        assertThat(model.errorProperty().get()).startsWith("Starting the replay failed: not_found: there is no file");
        assertThat(model.activeProperty().get()).isFalse();

        model.speedProperty().set("0.01x");
        model.start(false);
        assertThat(model.errorProperty().get()).startsWith("Replay options: speed must be a number of at least 0.1");

        model.speedProperty().set("1x");
        model.filterProperty().set("a..b");
        model.start(false);
        assertThat(model.errorProperty().get()).startsWith("Replay options: invalid");

        assertThatThrownBy(() -> TimeInput.parse("yesterday", T0)).hasMessageContaining("is not a time");
        assertThat(TimeInput.parse("-2h", T0)).isEqualTo(T0.minusSeconds(7200));
        assertThat(TimeInput.parse(" ", T0)).isNull();
    }
}
