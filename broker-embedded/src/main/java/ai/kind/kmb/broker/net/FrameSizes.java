package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads just the {@code req} of a frame too large to handle, so the refusal can still echo it. */
final class FrameSizes {
    private FrameSizes() {
    }

    /** The top-level {@code req} if the frame starts as a JSON object that has one; otherwise null. */
    static Long requestNumber(String text) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("req".equals(name)) {
                    boolean whole = value == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                    return whole && parser.getLongValue() >= 0 ? parser.getLongValue() : null;
                }
                // Skips a nested value without building it: the payload is the large part.
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
