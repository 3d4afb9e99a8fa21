package ai.kind.kmb.ui.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.HistoryQuery;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterModelTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final InMemoryBus bus = new InMemoryBus();
    private final DeadLetterModel model = new DeadLetterModel(CurrentConnection.of(bus), UiExecutors.direct(),
            Clock.systemUTC());
    private DeadLetter poison;
    private DeadLetter expired;
    private DeadLetter rejected;

    @BeforeEach
    void letters() {
        poison = bus.letters().add(Envelopes.event("ingest.document", null, "ingest", T0), DeathReason.MAX_DELIVERIES,
                T0.plusSeconds(1), "parser crashed");
        expired = bus.letters().add(Envelopes.event("orders.place", null, "p", T0.plusSeconds(2)), DeathReason.EXPIRED,
                T0.plusSeconds(3), null);
        rejected = bus.letters().add(Envelopes.event("orders.cancel", null, "p", T0.plusSeconds(4)), DeathReason.REJECTED,
                T0.plusSeconds(5), "no such order");
        model.refresh();
    }

    @Test
    void listsLettersWithCountsPerReasonAndFilters() {
        assertThat(model.reasons()).extracting(ReasonCount::label).containsExactly("All reasons (3)", "rejected (1)",
                "max_deliveries (1)", "expired (1)");
        assertThat(model.letters()).hasSize(3);

        model.reasonProperty().set(DeathReason.EXPIRED);
        assertThat(model.letters()).containsExactly(expired);

        model.reasonProperty().set(null);
        model.topicFilterProperty().set("orders.*");
        assertThat(model.letters()).containsExactlyInAnyOrder(expired, rejected);

        model.topicFilterProperty().set("orders..x");
        assertThat(model.errorProperty().get()).startsWith("Topic filter: invalid");
    }

    @Test
    void requeuesManyToTheirOriginalTopicsOrAnother() {
        model.select(List.of(expired, rejected));
        model.requeue("");

        assertThat(model.statusProperty().get()).isEqualTo("Requeued 2 letters to their original topics");
        assertThat(bus.letters().size()).isEqualTo(1);
        assertThat(bus.query(HistoryQuery.all(10))).extracting(m -> m.envelope().topic())
                .containsExactlyInAnyOrder("orders.place", "orders.cancel");

        model.select(List.of(poison));
        model.requeue(" ingest.retry ");
        assertThat(model.statusProperty().get()).isEqualTo("Requeued 1 letter to ingest.retry");
        assertThat(model.letters()).isEmpty();
    }

    @Test
    void inspectsEditsAndResendsOneLetter() {
        model.select(List.of(poison));
        assertThat(model.detailProperty().get()).contains("// reason: max_deliveries").contains("// last error: parser crashed")
                .contains("\"topic\" : \"ingest.document\"");

        model.editorProperty().set(model.editorProperty().get().replace("\"n\" : 1", "\"n\" : 2"));
        model.resend();

        assertThat(model.statusProperty().get()).isEqualTo("Resent the edited message to ingest.document");
        assertThat(bus.query(HistoryQuery.all(10)).getFirst().envelope().payload().get("n").asInt()).isEqualTo(2);
        assertThat(bus.letters().size()).isEqualTo(2);
    }

    @Test
    void aBrokenEditOrNoSelectionIsSaid() {
        model.select(List.of(poison));
        model.editorProperty().set("{\"topic\": ");
        model.resend();
        assertThat(model.errorProperty().get()).startsWith("The edited message is not a valid envelope:");

        model.select(List.of());
        model.requeue(null);
        assertThat(model.errorProperty().get()).isEqualTo("Requeue: pick one or more letters first");
    }

    @Test
    void deletesAndPurgesWhatTheFilterShows() {
        model.select(List.of(poison));
        model.delete();
        assertThat(model.statusProperty().get()).isEqualTo("Deleted 1 letter");

        model.topicFilterProperty().set("orders.cancel");
        model.purge();
        assertThat(model.statusProperty().get()).isEqualTo("Purged 1 letter");
        assertThat(bus.letters().size()).isEqualTo(1);
        model.topicFilterProperty().set("");
        assertThat(model.letters()).containsExactly(expired);
    }

    @Test
    void exportsTheSelectionOrAllShownAsARecording(@TempDir Path directory) throws Exception {
        Path all = directory.resolve("all.ndjson");
        model.export(all);
        assertThat(model.statusProperty().get()).isEqualTo("Exported 3 letters to " + all);
        try (RecordingReader reader = RecordingReader.open(all)) {
            assertThat(reader.header().source()).isEqualTo("test bus (dead letters)");
            assertThat(reader.stream().map(RecordingEntry::message).map(m -> m.topic()).toList())
                    .containsExactly("ingest.document", "orders.place", "orders.cancel");
        }

        model.select(List.of(rejected));
        Path one = directory.resolve("one.ndjson.gz");
        model.export(one);
        try (RecordingReader reader = RecordingReader.open(one)) {
            assertThat(reader.stream().toList()).singleElement().satisfies(e -> assertThat(e.offset()).isEqualTo(-1));
        }

        model.export(all);
        assertThat(model.errorProperty().get()).startsWith("Export to " + all + " failed:");
        assertThat(Files.size(all)).isPositive();
    }
}
