package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFromRecordingTest {
    @TempDir
    Path dir;

    private final FakeReplayClock clock = new FakeReplayClock();
    private final CapturingBus bus = new CapturingBus(clock);
    private final ReplayEngine engine = new ReplayEngine(bus, clock);
    private final ReplayOptions fast = ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.AS_FAST_AS_POSSIBLE);

    @Test
    void replaysEveryMessageOfARecordingInOrder() throws Exception {
        Path path = Sources.recording(dir, "a.b", Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));

        ReplayProgress done = Sources.finished(engine.start(new ReplaySource.RecordingFile(path), fast));

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.published()).isEqualTo(3);
        assertThat(done.skipped()).isZero();
        assertThat(done.failed()).isZero();
        assertThat(done.total()).isEqualTo(3);
        assertThat(done.position()).isEqualTo(Sources.T0.plusSeconds(2));
        assertThat(bus.messages()).extracting(message -> message.metadata().headers().get(ReplayHeaders.REPLAY_OF))
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void aCorruptLineInTheMiddleIsSkippedWithItsLineNumberAndTheRestReplays() throws Exception {
        Path good = Sources.recording(dir, 4);
        var lines = new java.util.ArrayList<>(Files.readAllLines(good));
        lines.set(2, "{\"received_at\":\"2025-06-20T15:42:00Z\",\"msg\":{oops}}");
        Path path = Files.write(dir.resolve("corrupt.ndjson"), lines);

        ReplaySession session = engine.start(new ReplaySource.RecordingFile(path), fast);
        ReplayProgress done = Sources.finished(session);

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.published()).isEqualTo(3);
        assertThat(done.skipped()).isEqualTo(1);
        assertThat(bus.messages()).extracting(message -> message.metadata().headers().get(ReplayHeaders.REPLAY_OF))
                .containsExactly("m1", "m3", "m4");
        assertThat(session.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(ReplayIssue.Kind.UNREADABLE);
            assertThat(issue.reason()).contains(path.toString()).contains("line 3").contains("not valid JSON");
        });
    }

    @Test
    void aTruncatedLastLineIsSkippedAndEverythingBeforeItReplays() throws Exception {
        Path good = Sources.recording(dir, 3);
        String text = Files.readString(good);
        Path path = Files.writeString(dir.resolve("cut.ndjson"), text.substring(0, text.length() - 20));

        ReplaySession session = engine.start(new ReplaySource.RecordingFile(path), fast);
        ReplayProgress done = Sources.finished(session);

        assertThat(done.published()).isEqualTo(2);
        assertThat(done.skipped()).isEqualTo(1);
        assertThat(session.issues()).singleElement()
                .satisfies(issue -> assertThat(issue.reason()).contains("line 4").contains("cut short"));
    }

    @Test
    void theFilterSelectsWhichRecordedMessagesAreReplayed() throws Exception {
        Path orders = Sources.recording(dir, "orders.created", Duration.ZERO, Duration.ofMillis(1));
        Path path = dir.resolve("mixed.ndjson");
        var lines = new java.util.ArrayList<>(Files.readAllLines(orders));
        lines.addAll(Files.readAllLines(Sources.recording(dir, "health.ping", Duration.ZERO)).subList(1, 2));
        Files.write(path, lines);

        ReplayProgress done = Sources.finished(
                engine.start(new ReplaySource.RecordingFile(path), fast.withFilter("orders.#")));

        assertThat(done.published()).isEqualTo(2);
        assertThat(done.total()).isEqualTo(2);
        assertThat(bus.messages()).extracting(Envelope::topic).containsOnly("orders.created");
    }

    @Test
    void durableDecidesHowEachMessageIsPublished() throws Exception {
        Path path = Sources.recording(dir, 2);

        Sources.finished(engine.start(new ReplaySource.RecordingFile(path), fast.withDurable(true)));
        Sources.finished(engine.start(new ReplaySource.RecordingFile(path), fast.withDurable(false)));

        assertThat(bus.published()).extracting(CapturingBus.Published::options).containsExactly(
                PublishOptions.DURABLE, PublishOptions.DURABLE, PublishOptions.EPHEMERAL, PublishOptions.EPHEMERAL);
    }

    @Test
    void aLargeRecordingIsReplayedAsAStream() throws Exception {
        int lines = 100_000;
        Path path = Sources.recording(dir, lines);
        CapturingBus counting = new CapturingBus(clock).countOnly();

        ReplayProgress done = Sources.finished(new ReplayEngine(counting, clock)
                .start(new ReplaySource.RecordingFile(path), fast));

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.published()).isEqualTo(lines);
        assertThat(counting.count()).isEqualTo(lines);
    }
}
