package ai.kind.kmb.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    @TempDir
    Path dir;

    private final ScriptedBus bus = new ScriptedBus();
    private final Clock clock = Clock.fixed(Samples.T0, ZoneOffset.UTC);

    @Test
    void recordsEachDeliveryWithItsReceiveTimeAndOffset() throws Exception {
        Path path = dir.resolve("live.ndjson.gz");
        Recorder recorder = Recorder.start(bus, "agent.#", path, "embedded", clock);

        ScriptedBus.FakeSubscription subscription = bus.subscriptions.getFirst();
        assertThat(subscription.options.filter()).isEqualTo("agent.#");
        assertThat(subscription.options.isDurable()).isFalse();
        Envelope first = Envelope.event("agent.a", Json.object().put("n", 1)).withId("m1");
        subscription.deliver(first, 11);
        subscription.deliver(Envelope.event("agent.b", Json.object()).withId("m2"), PublishAck.NOT_STORED);
        RecorderStats stats = recorder.stop();

        assertThat(stats.written()).isEqualTo(2);
        assertThat(subscription.closed).isTrue();
        try (RecordingReader reader = RecordingReader.open(path)) {
            assertThat(reader.header()).isEqualTo(RecordingHeader.of("embedded", "agent.#", Samples.T0));
            List<RecordingEntry> entries = reader.stream().toList();
            assertThat(entries).extracting(RecordingEntry::offset).containsExactly(11L, PublishAck.NOT_STORED);
            assertThat(entries).extracting(RecordingEntry::receivedAt).containsOnly(Samples.T0);
            assertThat(entries.getFirst().message()).isEqualTo(first);
        }
    }

    @Test
    void reportsWhatTheBusDroppedAsLost() throws Exception {
        Recorder recorder = Recorder.start(bus, "#", dir.resolve("r.ndjson"), "embedded", clock);
        ScriptedBus.FakeSubscription subscription = bus.subscriptions.getFirst();
        subscription.deliver(Envelope.event("a", Json.object()), 1);
        subscription.dropped = 3;

        assertThat(recorder.written()).isEqualTo(1);
        assertThat(recorder.dropped()).isEqualTo(3);
        RecorderStats stats = recorder.stop();
        assertThat(stats).isEqualTo(new RecorderStats(1, 3, 0, null));
        assertThat(recorder.stats()).isEqualTo(stats);
    }

    @Test
    void deliveriesArrivingAfterStopAreNeitherWrittenNorCountedLost() throws Exception {
        Path path = dir.resolve("r.ndjson");
        Recorder recorder = Recorder.start(bus, "#", path, "embedded", clock);
        recorder.stop();
        bus.subscriptions.getFirst().deliver(Envelope.event("late", Json.object()), 9);

        assertThat(recorder.stats()).isEqualTo(new RecorderStats(0, 0, 0, null));
        assertThat(Files.readAllLines(path)).hasSize(1);
        assertThat(recorder.stop()).isEqualTo(recorder.stats());
    }

    @Test
    void aBadFilterFailsBeforeAFileIsCreated() {
        Path path = dir.resolve("r.ndjson");
        assertThatThrownBy(() -> Recorder.start(bus, "a..b", path, "embedded", clock))
                .isInstanceOf(InvalidTopicException.class);
        assertThat(path).doesNotExist();
        assertThat(bus.subscriptions).isEmpty();
    }
}
