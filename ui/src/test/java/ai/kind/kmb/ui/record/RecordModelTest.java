package ai.kind.kmb.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.recording.RecordingEntry;
import ai.kind.kmb.recording.RecordingReader;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.Envelopes;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordModelTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final SimpleObjectProperty<BusConnection> current = new SimpleObjectProperty<>(bus);
    @TempDir
    Path directory;

    private RecordModel model() {
        return new RecordModel(new CurrentConnection(current), UiExecutors.direct(), Clock.systemUTC(), directory);
    }

    @Test
    void recordsWhatMatchesTheFilterUntilStopped() throws Exception {
        RecordModel model = model();
        assertThat(model.pathProperty().get()).startsWith(directory.resolve("kmb-recording-").toString()).endsWith(".ndjson.gz");
        Path file = directory.resolve("orders.ndjson");
        model.pathProperty().set(file.toString());
        model.filterProperty().set("orders.#");

        model.toggle();
        assertThat(model.recordingProperty().get()).isTrue();
        bus.publish(Envelopes.event("orders.placed", null, "p", Instant.now())).join();
        bus.publish(Envelopes.event("stock.changed", null, "s", Instant.now())).join();
        model.tick();
        assertThat(model.countsProperty().get()).isEqualTo("1 messages · 0 dropped");
        assertThat(model.elapsedProperty().get()).isEqualTo("00:00:00");

        model.toggle();

        assertThat(model.recordingProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Recorded 1 messages in 00:00:00 to " + file);
        assertThat(model.finished()).singleElement().satisfies(done -> assertThat(done.written()).isEqualTo(1));
        assertThat(model.pathProperty().get()).isNotEqualTo(file.toString());
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.header().filter()).isEqualTo("orders.#");
            assertThat(reader.stream().map(RecordingEntry::message).map(m -> m.topic())).containsExactly("orders.placed");
        }
        assertThat(bus.openSubscriptions()).isZero();
    }

    @Test
    void anExistingFileOrABadFilterIsRefusedWithAReason() throws Exception {
        RecordModel model = model();
        Path taken = Files.writeString(directory.resolve("taken.ndjson"), "keep me");
        model.pathProperty().set(taken.toString());
        model.start();
        assertThat(model.errorProperty().get()).startsWith("Recording to " + taken + " failed:");
        assertThat(Files.readString(taken)).isEqualTo("keep me");

        model.pathProperty().set(directory.resolve("x.ndjson").toString());
        model.filterProperty().set("a..b");
        model.start();
        assertThat(model.errorProperty().get()).contains("invalid");
        assertThat(model.recordingProperty().get()).isFalse();
    }

    @Test
    void switchingBusesStopsTheRecordingAndSaysWhy() {
        RecordModel model = model();
        model.start();
        assertThat(model.recordingProperty().get()).isTrue();

        current.set(new InMemoryBus());

        assertThat(model.recordingProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).startsWith("Recording stopped because the Studio switched to another bus.");
    }
}
