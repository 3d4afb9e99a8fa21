package ai.kind.kmb.ui.inspector;

import static ai.kind.kmb.ui.testing.Messages.display;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.signing.SignatureVerdict;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.testing.Messages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectorModelTest {
    private final MessageListModel messages = new MessageListModel(100);
    private final InspectorModel inspector = new InspectorModel(messages, 16_384);

    @Test
    void showsTheSelectedMessageAsHighlightedJsonWithItsMetadata() {
        DisplayMessage command = display(Messages.command("kmb.agent.command.fetch", "id-1",
                Json.object().put("url", "https://example.org")), 1);
        messages.append(List.of(command));

        messages.selectedProperty().set(command);

        assertThat(inspector.titleProperty().get()).startsWith("kmb.agent.command.fetch · command · ");
        assertThat(inspector.jsonProperty().get().text()).contains("\"url\": \"https://example.org\"")
                .contains("\"reply_to\": \"_inbox.planner\"");
        assertThat(inspector.metadata()).contains(new MetadataRow("correlation_id", "corr-1"),
                new MetadataRow("offset", "not stored (ephemeral)"));
        assertThat(inspector.canCopyProperty().get()).isTrue();
        assertThat(EnvelopeCodec.fromJson(inspector.copyAsJson().orElseThrow())).isEqualTo(command.envelope());
        assertThat(inspector.copyAsKmbctl()).hasValue(
                "kmbctl publish kmb.agent.command.fetch '{\"url\":\"https://example.org\"}' --type command");
    }

    @Test
    void showsTheBrokersSignatureVerdictAsABadge() {
        Envelope plain = Messages.event("payments.sent", "id-1", Json.object().put("amount", 10));
        Metadata signed = plain.metadata().withSignature(new Metadata.Signature("Ed25519", "agent-7-key", "c2ln"));
        DisplayMessage valid = display(plain.withMetadata(signed.withHeaders(Map.of(SignatureVerdict.HEADER, "valid"))), 1);
        DisplayMessage forged = display(plain.withId("id-2").withMetadata(
                signed.withHeaders(Map.of(SignatureVerdict.HEADER, "wrong_client"))), 2);
        DisplayMessage unsigned = display(plain.withId("id-3"), 3);
        messages.append(List.of(valid, forged, unsigned));

        messages.selectedProperty().set(valid);
        assertThat(inspector.signatureProperty().get().text()).isEqualTo("signature valid");
        assertThat(inspector.signatureProperty().get().explanation()).contains("agent-7-key");

        messages.selectedProperty().set(forged);
        assertThat(inspector.signatureProperty().get().styleClass()).isEqualTo("signature-invalid");

        messages.selectedProperty().set(unsigned);
        assertThat(inspector.signatureProperty().get().text()).isEqualTo("unsigned");
    }

    @Test
    void diffsAgainstThePreviousMessageOnTheSameTopicOnly() {
        DisplayMessage first = display(Messages.event("agent.health.heartbeat", "id-1",
                Json.object().put("agent", "a").put("cpu", 10)), 1);
        DisplayMessage other = display(Messages.event("kmb.agent.lifecycle", "id-2", Json.object().put("x", 1)), 2);
        DisplayMessage second = display(Messages.event("agent.health.heartbeat", "id-3",
                Json.object().put("agent", "a").put("cpu", 55)), 3);
        messages.append(List.of(first, other, second));

        messages.selectedProperty().set(second);

        assertThat(inspector.diff()).containsExactly(
                new JsonDiff.Entry("payload.cpu", JsonDiff.Kind.CHANGED, "10", "55"));
        assertThat(inspector.diffSummaryProperty().get()).startsWith("1 difference from the previous message");

        messages.selectedProperty().set(first);
        assertThat(inspector.diff()).isEmpty();
        assertThat(inspector.diffSummaryProperty().get()).contains("No earlier message on agent.health.heartbeat");
    }

    @Test
    void aTruncatedPayloadIsMarkedAndNotOfferedForCopying() {
        ObjectNode big = Json.object();
        big.put("text", "x".repeat(40_000));
        DisplayMessage truncated = display(Messages.event("kmb.agent.memory.embedding", "id-1", big), 1);
        messages.append(List.of(truncated));

        messages.selectedProperty().set(truncated);

        assertThat(truncated.truncated()).isTrue();
        assertThat(inspector.truncationNoteProperty().get()).contains("larger than 16 KB");
        assertThat(inspector.jsonProperty().get().text()).contains("\"topic\": \"kmb.agent.memory.embedding\"")
                .endsWith("… truncated for display after 16 KB");
        assertThat(inspector.canCopyProperty().get()).isFalse();
        assertThat(inspector.copyAsJson()).isEmpty();
        assertThat(inspector.copyAsKmbctl()).isEmpty();
    }

    @Test
    void clearingTheSelectionEmptiesTheInspector() {
        DisplayMessage message = display(Messages.event("a", 1), 1);
        messages.append(List.of(message));
        messages.selectedProperty().set(message);

        messages.clear();

        assertThat(inspector.messageProperty().get()).isNull();
        assertThat(inspector.jsonProperty().get()).isEqualTo(FormattedJson.EMPTY);
        assertThat(inspector.metadata()).isEmpty();
    }
}
