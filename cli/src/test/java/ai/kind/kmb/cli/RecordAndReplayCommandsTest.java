package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.recording.RecordingEntry;
import ai.kind.kmb.recording.RecordingReader;
import ai.kind.kmb.replay.ReplayHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbctl record and replay: a round trip through a recording file, and a stored range. */
class RecordAndReplayCommandsTest {
    private final TestKmbd kmbd = new TestKmbd();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        kmbd.close();
    }

    @Test
    void recordedTrafficReplaysUnderAPrefixWithItsPayloadsAndReplayHeaders() throws Exception {
        Path file = dir.resolve("traffic.ndjson.gz");

        TestKmbd.Result recorded = recordWhilePublishing(file, "orders.#", "--count", "3");

        assertThat(recorded.code()).isZero();
        assertThat(recorded.out()).isEqualTo("recorded 3 messages to " + file + System.lineSeparator());
        List<RecordingEntry> entries;
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.header().filter()).isEqualTo("orders.#");
            assertThat(reader.header().source()).isEqualTo(kmbd.url());
            entries = reader.stream().toList();
        }
        assertThat(entries).hasSize(3);

        TestKmbd.Result replayed = kmbd.kmbctl("replay", file.toString(), "--speed", "max", "--prefix", "replayed",
                "--durable");

        assertThat(replayed.code()).isZero();
        assertThat(replayed.lines().getLast()).startsWith("replay done: 3 of 3 published, 0 skipped, 0 failed");
        List<StoredMessage> stored = kmbd.broker.store().query(
                new HistoryQuery(TopicFilter.parse("replayed.#"), null, null, null, 0, 10));
        assertThat(stored).extracting(message -> message.envelope().topic()).containsOnly("replayed.orders.paid");
        assertThat(stored).extracting(message -> message.envelope().payload())
                .containsExactlyElementsOf(entries.stream().map(entry -> entry.message().payload()).toList());
        assertThat(stored.getFirst().envelope().metadata().headers())
                .containsEntry(ReplayHeaders.REPLAY_OF, entries.getFirst().message().id());
    }

    @Test
    void recordNeverOverwritesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("kept.ndjson"), "precious");

        TestKmbd.Result refused = kmbd.kmbctl("record", "#", "--out", file.toString(), "--duration", "100ms");

        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.errLines()).containsExactly("kmbctl: " + file + " already exists; kmbctl never overwrites a file");
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void recordForADurationWritesWhatCameAndAHeaderEvenIfNothingDid() throws Exception {
        Path file = dir.resolve("quiet.ndjson");

        TestKmbd.Result recorded = kmbd.kmbctl("record", "quiet.#", "--out", file.toString(), "--duration", "200ms",
                "--json");

        assertThat(recorded.code()).isZero();
        assertThat(TestJson.read(recorded.out()).get("written").asLong()).isZero();
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.stream()).isEmpty();
        }
    }

    @Test
    void replayOfAStoredRangePublishesItAgainAndReportsJson() {
        kmbd.publish("jobs.a", 1, true);
        kmbd.publish("jobs.b", 2, true);

        TestKmbd.Result replayed = kmbd.kmbctl("replay", "--from", "1h", "--filter", "jobs.a", "--speed", "max",
                "--prefix", "again", "--durable", "--json");

        assertThat(replayed.code()).isZero();
        assertThat(TestJson.read(replayed.lines().getLast()).get("state").asText()).isEqualTo("done");
        assertThat(TestJson.read(replayed.lines().getLast()).get("published").asLong()).isEqualTo(1);
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).extracting(message -> message.envelope().topic())
                .containsExactly("jobs.a", "jobs.b", "again.jobs.a");
    }

    @Test
    void replayOfAMissingFileIsNotFoundAndOfNothingIsUsage() {
        TestKmbd.Result missing = kmbd.kmbctl("replay", dir.resolve("none.ndjson").toString());
        TestKmbd.Result nothing = kmbd.kmbctl("replay");
        TestKmbd.Result both = kmbd.kmbctl("replay", "x.ndjson", "--from", "1h");

        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.errLines()).containsExactly("kmbctl: there is no file " + dir.resolve("none.ndjson"));
        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void replayOfAFileThatIsNoRecordingIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello\n");

        TestKmbd.Result replayed = kmbd.kmbctl("replay", file.toString(), "--speed", "max");

        assertThat(replayed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(replayed.errLines()).singleElement().asString().startsWith("kmbctl: '" + file + "' ");
    }

    @Test
    void replayThatSkipsCorruptLinesSaysSoAndExitsBadInput() throws Exception {
        Path file = dir.resolve("damaged.ndjson");
        Files.writeString(file, """
                {"kmb_recording":1,"started_at":"2026-01-05T10:00:00Z"}
                {"received_at":"2026-01-05T10:00:00Z","msg":{"topic":"a","payload":{"n":1}}}
                this line is damaged
                """);

        TestKmbd.Result replayed = kmbd.kmbctl("replay", file.toString(), "--speed", "max");

        assertThat(replayed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(replayed.errLines()).singleElement().asString()
                .startsWith("kmbctl: 1 messages were not replayed (1 skipped, 0 refused); first: ")
                .contains("line 3");
    }

    private TestKmbd.Result recordWhilePublishing(Path file, String filter, String... limits) throws Exception {
        String[] args = new String[4 + limits.length];
        args[0] = "record";
        args[1] = filter;
        args[2] = "--out";
        args[3] = file.toString();
        System.arraycopy(limits, 0, args, 4, limits.length);
        CompletableFuture<TestKmbd.Result> running = CompletableFuture.supplyAsync(() -> kmbd.kmbctl(args));
        for (int n = 0; !running.isDone() && n < 600; n++) {
            kmbd.publish("orders.paid", n, false);
            Thread.sleep(50);
        }
        return running.get(30, TimeUnit.SECONDS);
    }
}
