package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.recording.RecordingEntry;
import ai.kind.kmb.recording.RecordingReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbctl dlq list, show, requeue, purge and export against a server with dead letters. */
class DlqCommandsTest {
    private final TestKmbd kmbd = new TestKmbd();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        kmbd.close();
    }

    @Test
    void listShowsATableAndFiltersByReasonAndTopic() {
        String rejected = kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 1);
        kmbd.deadLetter("jobs.b", DeathReason.EXPIRED, 2);
        kmbd.deadLetter("mail.c", DeathReason.REJECTED, 3);

        TestKmbd.Result all = kmbd.kmbctl("dlq", "list");
        TestKmbd.Result chosen = kmbd.kmbctl("dlq", "list", "--reason", "rejected", "--topic", "jobs.#", "--json");

        assertThat(all.code()).isZero();
        assertThat(all.lines()).hasSize(4);
        assertThat(all.lines().getFirst()).contains("ID", "LAST DEATH", "REASON", "TOPIC", "SUBSCRIBER", "LAST ERROR");
        assertThat(chosen.lines()).singleElement().satisfies(line -> {
            assertThat(TestJson.read(line).get("id").asText()).isEqualTo(rejected);
            assertThat(TestJson.read(line).at("/death/reason").asText()).isEqualTo("rejected");
        });
    }

    @Test
    void listPagesWithOffsetAndSaysWhereTheNextPageStarts() {
        for (int i = 0; i < 3; i++) {
            kmbd.deadLetter("jobs." + i, DeathReason.REJECTED, i);
        }

        TestKmbd.Result first = kmbd.kmbctl("dlq", "list", "--limit", "2");
        TestKmbd.Result second = kmbd.kmbctl("dlq", "list", "--limit", "2", "--offset", "2", "--json");
        TestKmbd.Result wrong = kmbd.kmbctl("dlq", "list", "--limit", "0", "--offset", "2");

        assertThat(first.lines()).hasSize(4).last().isEqualTo("more: --offset 2");
        assertThat(second.lines()).hasSize(1);
        String lastId = TestJson.read(second.lines().getFirst()).get("id").asText();
        assertThat(first.out()).doesNotContain(lastId);
        assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void showPrintsTheDeathAndTheWholeMessage() {
        String id = kmbd.deadLetter("jobs.a", DeathReason.MAX_DELIVERIES, 42);

        TestKmbd.Result shown = kmbd.kmbctl("dlq", "show", id);

        assertThat(shown.code()).isZero();
        assertThat(shown.lines()).contains("id:          " + id, "reason:      max_deliveries", "topic:       jobs.a",
                "deliveries:  3", "last error:  handler failed on n=42", "message:");
        assertThat(shown.out()).contains("\"n\" : 42");
    }

    @Test
    void showOfAnUnknownLetterIsNotFoundInOneLine() {
        TestKmbd.Result shown = kmbd.kmbctl("dlq", "show", "no-such-letter");

        assertThat(shown.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(shown.errLines()).containsExactly("kmbctl: no dead letter with id 'no-such-letter'");
        assertThat(shown.out()).isEmpty();
    }

    @Test
    void requeueSendsTheMessageBackAndRemovesTheLetter() {
        String id = kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 5);

        TestKmbd.Result requeued = kmbd.kmbctl("dlq", "requeue", id);

        assertThat(requeued.code()).isZero();
        assertThat(requeued.out()).startsWith("requeued " + id + " as message ").contains("at offset 1");
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).singleElement()
                .satisfies(message -> assertThat(message.envelope().topic()).isEqualTo("jobs.a"));
        assertThat(kmbd.broker.deadLetters().list(DeadLetterQuery.all(0))).isEmpty();
    }

    @Test
    void requeueAllOfAReasonToAnotherTopic() {
        kmbd.deadLetter("jobs.a", DeathReason.EXPIRED, 1);
        kmbd.deadLetter("jobs.b", DeathReason.EXPIRED, 2);
        String kept = kmbd.deadLetter("jobs.c", DeathReason.REJECTED, 3);

        TestKmbd.Result requeued = kmbd.kmbctl("dlq", "requeue", "--all", "--reason", "expired", "--target", "jobs.retry",
                "--json");

        assertThat(requeued.code()).isZero();
        assertThat(requeued.lines()).hasSize(2);
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).extracting(message -> message.envelope().topic())
                .containsExactly("jobs.retry", "jobs.retry");
        assertThat(kmbd.broker.deadLetters().list(DeadLetterQuery.all(0))).extracting(letter -> letter.id())
                .containsExactly(kept);
    }

    @Test
    void requeueOfAnUnknownLetterIsNotFoundAndWithoutIdsIsUsage() {
        TestKmbd.Result unknown = kmbd.kmbctl("dlq", "requeue", "nope");
        TestKmbd.Result nothing = kmbd.kmbctl("dlq", "requeue");

        assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.errLines()).containsExactly("kmbctl: no dead letter with id 'nope'");
        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void requeueToAnotherTopicWithTo() {
        String id = kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 5);

        TestKmbd.Result requeued = kmbd.kmbctl("dlq", "requeue", id, "--to", "jobs.retry");

        assertThat(requeued.code()).isZero();
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).singleElement()
                .satisfies(message -> assertThat(message.envelope().topic()).isEqualTo("jobs.retry"));
    }

    @Test
    void resendPublishesTheEditedPayloadAndTopicKeepingTheIdAndRemovesTheLetter() {
        String id = kmbd.deadLetter("jobs.a", DeathReason.HANDLER_ERROR, 5);
        String messageId = kmbd.broker.deadLetters().get(id).message().id();

        TestKmbd.Result resent = kmbd.kmbctl("dlq", "resend", id, "--payload", "{\"n\":6}", "--topic", "jobs.fixed");
        TestKmbd.Result nothing = kmbd.kmbctl("dlq", "resend", id);

        assertThat(resent.code()).isZero();
        assertThat(resent.out()).startsWith("resent " + id + " as message " + messageId + " at offset 1");
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).singleElement().satisfies(message -> {
            assertThat(message.envelope().topic()).isEqualTo("jobs.fixed");
            assertThat(message.envelope().payload().get("n").asInt()).isEqualTo(6);
        });
        assertThat(kmbd.broker.deadLetters().list(DeadLetterQuery.all(0))).isEmpty();
        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void resendTakesAWholeEnvelopeFromAFile() throws Exception {
        String id = kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 5);
        Path edited = dir.resolve("edited.json");
        java.nio.file.Files.writeString(edited, "{\"id\":\"new-id\",\"topic\":\"jobs.b\",\"type\":\"event\","
                + "\"payload\":{\"n\":7}}");

        TestKmbd.Result resent = kmbd.kmbctl("dlq", "resend", id, "--message", "@" + edited, "--json");

        assertThat(resent.code()).isZero();
        assertThat(TestJson.read(resent.out()).get("id").asText()).isEqualTo("new-id");
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).singleElement()
                .satisfies(message -> assertThat(message.envelope().topic()).isEqualTo("jobs.b"));
    }

    @Test
    void purgeOfChosenIdsRemovesOnlyThose() {
        String gone = kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 1);
        String kept = kmbd.deadLetter("jobs.b", DeathReason.REJECTED, 2);

        TestKmbd.Result purged = kmbd.kmbctl("dlq", "purge", gone, "--yes");

        assertThat(purged.out()).isEqualTo("purged 1 dead letters" + System.lineSeparator());
        assertThat(kmbd.broker.deadLetters().list(DeadLetterQuery.all(0))).extracting(letter -> letter.id())
                .containsExactly(kept);
    }

    @Test
    void purgeAsksForYesThenRemovesWhatItSelects() {
        kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 1);
        kmbd.deadLetter("jobs.b", DeathReason.REJECTED, 2);
        String kept = kmbd.deadLetter("mail.c", DeathReason.REJECTED, 3);

        TestKmbd.Result unconfirmed = kmbd.kmbctl("dlq", "purge", "--topic", "jobs.#");
        TestKmbd.Result purged = kmbd.kmbctl("dlq", "purge", "--topic", "jobs.#", "--yes");

        assertThat(unconfirmed.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unconfirmed.errLines()).singleElement().asString().contains("add --yes to confirm");
        assertThat(purged.code()).isZero();
        assertThat(purged.out()).isEqualTo("purged 2 dead letters" + System.lineSeparator());
        assertThat(kmbd.broker.deadLetters().list(DeadLetterQuery.all(0))).extracting(letter -> letter.id())
                .containsExactly(kept);
    }

    @Test
    void exportWritesTheDeadMessagesAsARecordingAndKeepsTheLetters() throws Exception {
        kmbd.deadLetter("jobs.a", DeathReason.REJECTED, 1);
        kmbd.deadLetter("jobs.b", DeathReason.EXPIRED, 2);
        Path file = dir.resolve("dead.ndjson.gz");

        TestKmbd.Result exported = kmbd.kmbctl("dlq", "export", "--out", file.toString());

        assertThat(exported.code()).isZero();
        assertThat(exported.out()).isEqualTo("exported 2 dead letters to " + file + System.lineSeparator());
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.header().source()).isEqualTo(kmbd.url() + " dead letters");
            List<RecordingEntry> entries = reader.stream().toList();
            assertThat(entries).extracting(entry -> entry.message().topic()).containsExactly("jobs.a", "jobs.b");
        }
        assertThat(kmbd.broker.deadLetters().list(DeadLetterQuery.all(0))).hasSize(2);

        TestKmbd.Result replayed = kmbd.kmbctl("replay", file.toString(), "--speed", "max", "--durable");

        assertThat(replayed.code()).isZero();
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).extracting(message -> message.envelope().topic())
                .containsExactly("jobs.a", "jobs.b");
    }
}
