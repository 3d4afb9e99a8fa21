package ai.kind.kmb.ui.inspector;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The shell command that publishes the same payload again, for pasting into a terminal:
 * {@code kmbctl publish TOPIC '<json>' --type T}. Topic names never need quoting (letters,
 * digits, '_', '-', '.'); the JSON goes in single quotes with any single quote inside escaped.
 */
public final class KmbctlCommand {
    private KmbctlCommand() {
    }

    public static String publish(Envelope message) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(message.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return "kmbctl publish " + message.topic() + " " + shellQuote(json) + " --type " + message.type().wireName();
    }

    /** POSIX single quoting: a single quote ends the quote, is escaped, and reopens it. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
