package ai.kind.kmb.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One version of a topic's payload contract. For JSON Schema, {@code schema} is the schema itself;
 * for Protobuf it describes the declared message ({@code protobufMessage}) field by field, so tools
 * show and template both formats alike.
 */
public record TopicVersion(String version, SchemaFormat format, JsonNode schema, String protobufMessage,
                           List<JsonNode> examples) {
    public TopicVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(schema, "schema");
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** The number in {@code v12}, for ordering; versions are named {@code v1}, {@code v2}, ... */
    public int number() {
        return VersionNames.number(version);
    }
}
