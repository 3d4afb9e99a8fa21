package ai.kind.kmb.ui.inspector;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.messages.MessageListModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The message inspector: the selected message laid out as highlighted, foldable JSON, its
 * metadata, how it differs from the previous message on the same topic, and the text of the two
 * copy actions. Everything is computed when the selection changes, for one message only.
 */
public final class InspectorModel {
    /** Fields that differ between any two messages and would drown the real differences. */
    private static final Set<String> NOT_DIFFED = Set.of("id", "timestamp");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final MessageListModel messages;
    private final int payloadChars;
    private final ReadOnlyObjectWrapper<DisplayMessage> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FormattedJson> json = new ReadOnlyObjectWrapper<>(FormattedJson.EMPTY);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No message selected");
    private final ReadOnlyStringWrapper truncationNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SignatureBadge> signature = new ReadOnlyObjectWrapper<>(SignatureBadge.NONE);
    private final ReadOnlyBooleanWrapper canCopy = new ReadOnlyBooleanWrapper();
    private final ObservableList<MetadataRow> metadata = FXCollections.observableArrayList();
    private final ObservableList<JsonDiff.Entry> diff = FXCollections.observableArrayList();

    public InspectorModel(MessageListModel messages, int payloadChars) {
        this.messages = messages;
        this.payloadChars = payloadChars;
        messages.selectedProperty().addListener((obs, old, now) -> inspect(now));
    }

    // ---- properties

    public ReadOnlyObjectProperty<DisplayMessage> messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FormattedJson> jsonProperty() {
        return json.getReadOnlyProperty();
    }

    /** "kmb.agent.lifecycle · event · 15:42:00.123". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Says that and how the payload was cut for display; empty for a whole message. */
    public ReadOnlyStringProperty truncationNoteProperty() {
        return truncationNote.getReadOnlyProperty();
    }

    /** What the diff compares against, or why there is nothing to compare. */
    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    /** The broker's signature verdict for the message shown. */
    public ReadOnlyObjectProperty<SignatureBadge> signatureProperty() {
        return signature.getReadOnlyProperty();
    }

    /** Copying needs the whole message: a truncated payload is not offered as if it were valid. */
    public ReadOnlyBooleanProperty canCopyProperty() {
        return canCopy.getReadOnlyProperty();
    }

    public ObservableList<MetadataRow> metadata() {
        return metadata;
    }

    public ObservableList<JsonDiff.Entry> diff() {
        return diff;
    }

    // ---- commands

    /** The whole envelope as indented JSON, as {@code kmbctl} and the REST API would accept it. */
    public Optional<String> copyAsJson() {
        return copyable().map(m -> {
            try {
                return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(EnvelopeCodec.toJson(m.envelope()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        });
    }

    public Optional<String> copyAsKmbctl() {
        return copyable().map(m -> KmbctlCommand.publish(m.envelope()));
    }

    private Optional<DisplayMessage> copyable() {
        DisplayMessage shown = message.get();
        return shown == null || shown.truncated() ? Optional.empty() : Optional.of(shown);
    }

    private void inspect(DisplayMessage selected) {
        message.set(selected);
        if (selected == null) {
            json.set(FormattedJson.EMPTY);
            title.set("No message selected");
            truncationNote.set("");
            diffSummary.set("");
            canCopy.set(false);
            signature.set(SignatureBadge.NONE);
            metadata.clear();
            diff.clear();
            return;
        }
        title.set(selected.topic() + " · " + selected.type().wireName() + " · " + TIME.format(selected.time()));
        canCopy.set(!selected.truncated());
        signature.set(SignatureBadge.of(selected.envelope()));
        metadata.setAll(MetadataRow.of(selected));
        if (selected.truncated()) {
            String note = "The payload is larger than " + kilobytes(payloadChars) + " of JSON; only its start is kept "
                    + "for display. Copying is off for this message, since the text would not be valid JSON.";
            truncationNote.set(note);
            json.set(JsonLayout.formatTruncated(envelopeWithPayloadLast(selected),
                    "… truncated for display after " + kilobytes(payloadChars)));
        } else {
            truncationNote.set("");
            json.set(JsonLayout.format(EnvelopeCodec.toJsonString(selected.envelope())));
        }
        compareWithPrevious(selected);
    }

    private void compareWithPrevious(DisplayMessage selected) {
        Optional<DisplayMessage> previous = messages.previousOnTopic(selected);
        if (previous.isEmpty()) {
            diff.clear();
            diffSummary.set("No earlier message on " + selected.topic() + " is in the list.");
            return;
        }
        DisplayMessage before = previous.get();
        if (before.truncated() || selected.truncated()) {
            diff.clear();
            diffSummary.set("Not compared: a payload was truncated for display.");
            return;
        }
        List<JsonDiff.Entry> entries = JsonDiff.between(EnvelopeCodec.toJson(before.envelope()),
                EnvelopeCodec.toJson(selected.envelope()), NOT_DIFFED);
        diff.setAll(entries);
        String when = TIME.format(before.time());
        diffSummary.set(entries.isEmpty() ? "Same as the previous message on this topic (" + when + "), id and time aside."
                : entries.size() + (entries.size() == 1 ? " difference" : " differences")
                        + " from the previous message on this topic (" + when + ").");
    }

    /** The envelope's JSON with the payload moved last, so that the cut payload ends the text. */
    private static String envelopeWithPayloadLast(DisplayMessage message) {
        ObjectNode envelope = EnvelopeCodec.toJson(message.envelope());
        envelope.remove("payload");
        String head = envelope.toString();
        String separator = envelope.isEmpty() ? "" : ",";
        return head.substring(0, head.length() - 1) + separator + "\"payload\":" + message.truncatedPayload();
    }

    private static String kilobytes(int chars) {
        return chars >= 1024 ? (chars / 1024) + " KB" : chars + " characters";
    }
}
