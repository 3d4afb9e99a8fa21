package ai.kind.kmb.broker.registry;

import ai.kind.kmb.ErrorDetail;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks a payload against one topic version; each violation names a JSON pointer into the payload. */
sealed interface PayloadValidator permits JsonSchemaValidator, ProtobufValidator {

    List<ErrorDetail> validate(JsonNode payload);
}
