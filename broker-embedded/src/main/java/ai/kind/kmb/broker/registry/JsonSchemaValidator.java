package ai.kind.kmb.broker.registry;

import ai.kind.kmb.ErrorDetail;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A compiled JSON Schema. {@code $schema} picks the draft: 2020-12 (also the default when absent)
 * or draft-07; any other draft is refused rather than checked by the wrong rules. The schema is
 * checked against its draft's meta-schema first, so a broken schema is a load error, not a
 * validator that passes everything.
 */
final class JsonSchemaValidator implements PayloadValidator {
    private static final Map<String, VersionFlag> DRAFTS = Map.of(
            "https://json-schema.org/draft/2020-12/schema", VersionFlag.V202012,
            "http://json-schema.org/draft-07/schema", VersionFlag.V7,
            "https://json-schema.org/draft-07/schema", VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).locale(Locale.ROOT).build();

    /** One factory and meta-schema per draft, built once: loading a meta-schema is the slow part. */
    private static final Map<VersionFlag, Draft> BY_DRAFT = Map.of(
            VersionFlag.V202012, Draft.of(VersionFlag.V202012), VersionFlag.V7, Draft.of(VersionFlag.V7));

    private record Draft(JsonSchemaFactory factory, JsonSchema metaSchema) {
        static Draft of(VersionFlag flag) {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(flag);
            JsonSchema meta = factory.getSchema(SchemaLocation.of(flag.getId()), CONFIG);
            meta.initializeValidators();
            return new Draft(factory, meta);
        }
    }

    private final JsonSchema schema;

    private JsonSchemaValidator(JsonSchema schema) {
        this.schema = schema;
    }

    /** Compiles {@code schemaNode}; the exception's message says what is wrong with it. */
    static JsonSchemaValidator compile(JsonNode schemaNode) {
        if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
            throw new IllegalArgumentException("a JSON Schema must be an object or a boolean");
        }
        Draft draft = BY_DRAFT.get(draftOf(schemaNode));
        List<ErrorDetail> metaViolations = details(draft.metaSchema().validate(schemaNode));
        if (!metaViolations.isEmpty()) {
            throw new IllegalArgumentException("not a valid schema: " + metaViolations.getFirst());
        }
        try {
            JsonSchema compiled = draft.factory().getSchema(schemaNode, CONFIG);
            compiled.initializeValidators();
            return new JsonSchemaValidator(compiled);
        } catch (JsonSchemaException e) {
            throw new IllegalArgumentException("not a valid schema: " + e.getMessage(), e);
        }
    }

    private static VersionFlag draftOf(JsonNode schemaNode) {
        JsonNode declared = schemaNode.path("$schema");
        if (declared.isMissingNode()) {
            return VersionFlag.V202012;
        }
        String id = declared.asText().replaceAll("#$", "");
        VersionFlag draft = DRAFTS.get(id);
        if (draft == null) {
            throw new IllegalArgumentException("$schema '" + declared.asText()
                    + "' is not supported; use https://json-schema.org/draft/2020-12/schema or"
                    + " http://json-schema.org/draft-07/schema#");
        }
        return draft;
    }

    @Override
    public List<ErrorDetail> validate(JsonNode payload) {
        return details(schema.validate(payload));
    }

    private static List<ErrorDetail> details(java.util.Set<ValidationMessage> messages) {
        return messages.stream()
                .map(message -> new ErrorDetail(message.getInstanceLocation().toString(), message.getError()))
                .sorted(Comparator.comparing(ErrorDetail::field).thenComparing(ErrorDetail::reason))
                .toList();
    }
}
