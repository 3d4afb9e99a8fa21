package ai.kind.kmb.broker.registry;

import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.List;

/**
 * A Protobuf topic: the JSON payload must parse strictly (no unknown fields, right types) into the
 * declared message, by the Protobuf JSON mapping. The parser stops at the first problem, so there
 * is one violation at most, placed at the payload's root.
 */
final class ProtobufValidator implements PayloadValidator {
    private final Descriptor message;
    private final JsonFormat.Parser parser = JsonFormat.parser();

    ProtobufValidator(Descriptor message) {
        this.message = message;
    }

    @Override
    public List<ErrorDetail> validate(JsonNode payload) {
        if (!payload.isObject()) {
            return List.of(new ErrorDetail("", "must be a JSON object for Protobuf message " + message.getFullName()));
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(message);
        try {
            parser.merge(Json.mapper().writeValueAsString(payload), builder);
            return List.of();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return List.of(new ErrorDetail("", "does not parse as " + message.getFullName() + ": " + e.getMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed payload could not be written back as JSON", e);
        }
    }
}
