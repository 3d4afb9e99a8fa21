package ai.kind.kmb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a well-formed envelope straight from a JSON parser: its own fields as tokens, only the
 * payload, the metadata and unknown fields as trees. Building the whole message as a tree first was
 * most of what reading a delivery cost. It reads nothing it is unsure of: a field of an unexpected
 * kind, a bad topic or time, anything {@link EnvelopeCodec#fromJson} would refuse, and it gives up
 * (null), for the caller to read the text again through the tree and get the precise refusal.
 */
final class EnvelopeReader {
    /** Trees of the fields inside the envelope: the text goes on after them, unlike after a whole document. */
    private static final ObjectReader TREES = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private EnvelopeReader() {
    }

    /** From the parser on the envelope's START_OBJECT to its END_OBJECT; null to give up. */
    static Envelope read(JsonParser in, Function<JsonNode, Metadata> metadataOf) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        Instant timestamp = null;
        String topic = null;
        MessageType type = MessageType.EVENT;
        JsonNode payload = null;
        Metadata metadata = Metadata.EMPTY;
        Map<String, JsonNode> extra = null;
        try {
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                switch (field) {
                    case "id" -> id = textOrNull(in, value);
                    case "timestamp" -> {
                        String text = textOrNull(in, value);
                        timestamp = text == null ? null : Timestamps.parse(text);
                    }
                    case "topic" -> topic = textOrNull(in, value);
                    case "type" -> {
                        String text = textOrNull(in, value);
                        type = text == null ? MessageType.EVENT : MessageType.fromWireName(text);
                    }
                    case "payload" -> payload = TREES.readTree(in);
                    case "metadata" -> metadata = metadataOf.apply(TREES.readTree(in));
                    default -> {
                        if (extra == null) {
                            extra = new LinkedHashMap<>();
                        }
                        extra.put(field, TREES.readTree(in));
                    }
                }
            }
            if (topic == null || in.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
            return new Envelope(id, timestamp, topic, type, payload, metadata, extra);
        } catch (GiveUp | RuntimeException e) {
            // The tree reads it again and says what is wrong, in the words of every other refusal.
            return null;
        }
    }

    private static String textOrNull(JsonParser in, JsonToken value) throws IOException, GiveUp {
        return switch (value) {
            case VALUE_STRING -> in.getText();
            case VALUE_NULL -> null;
            default -> throw new GiveUp();
        };
    }

    /** A field of a kind the tree refuses; not an error here, only a reason to read it the long way. */
    private static final class GiveUp extends Exception {
        GiveUp() {
            super(null, null, false, false);
        }
    }
}
