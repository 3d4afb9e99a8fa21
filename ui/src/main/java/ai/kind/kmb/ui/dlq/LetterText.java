package ai.kind.kmb.ui.dlq;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A dead letter as text to read: its death record, then the message as it was. */
final class LetterText {
    private LetterText() {
    }

    static String describe(DeadLetter letter) {
        DeathRecord death = letter.death();
        return "// letter " + letter.id() + "\n"
                + "// reason: " + death.reason().wireName() + "\n"
                + "// original topic: " + death.originalTopic() + "\n"
                + "// subscriber: " + (death.subscriber() == null ? "-" : death.subscriber()) + "\n"
                + "// deliveries: " + death.deliveryCount() + ", deaths: " + death.deaths() + "\n"
                + "// first death: " + death.firstDeath() + ", last death: " + death.lastDeath() + "\n"
                + (death.lastError() == null ? "" : "// last error: " + death.lastError() + "\n")
                + pretty(EnvelopeCodec.toJson(letter.message()));
    }

    static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
