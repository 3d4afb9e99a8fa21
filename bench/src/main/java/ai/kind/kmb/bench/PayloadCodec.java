package ai.kind.kmb.bench;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** The payload as the raw peers (not KMB) send and store it: JSON, encoded per message as an application would. */
public final class PayloadCodec {
    private PayloadCodec() {
    }

    public static byte[] encode(ObjectNode payload) {
        try {
            return Json.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Supplier<JsonNode> decoder(byte[] body) {
        return () -> {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
