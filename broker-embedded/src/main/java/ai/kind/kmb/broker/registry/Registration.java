package ai.kind.kmb.broker.registry;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Topics;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.VersionNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Registers a JSON Schema as a topic's next version: checks it in the topic's mode and, when
 * compatible, writes {@code schemas/<topic>.<version>.json} and then the descriptor naming it,
 * each atomically. A topic without a descriptor gets {@code <topic>.yaml} with the schema as v1.
 * Rewriting a descriptor keeps its content but not its comments.
 */
final class Registration {
    private final Path directory;
    private final String topic;
    private final Optional<LoadedTopic> existing;

    Registration(Path directory, String topic, Optional<LoadedTopic> existing) {
        this.directory = directory;
        this.topic = topic;
        this.existing = existing;
    }

    CompatibilityVerdict register(JsonNode schema, boolean dryRun) {
        Topics.requireValidName(topic);
        if (Topics.isSystem(topic)) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "system topic '" + topic + "' cannot have a schema",
                    List.of(new ErrorDetail("topic", "system topics are not described")));
        }
        try {
            JsonSchemaValidator.compile(schema);
        } catch (IllegalArgumentException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "the schema for '" + topic + "' is not usable: "
                    + e.getMessage(), List.of(new ErrorDetail("/schema", e.getMessage())));
        }
        CompatibilityMode mode = existing.map(loaded -> loaded.descriptor().compatibility())
                .orElse(CompatibilityMode.BACKWARD);
        List<Incompatibility> incompatibilities = existing.map(loaded -> check(loaded.descriptor(), schema))
                .orElse(List.of());
        String version = VersionNames.of(existing.map(loaded -> loaded.descriptor().latest().number() + 1).orElse(1));
        boolean write = incompatibilities.isEmpty() && !dryRun;
        if (write) {
            write(version, schema);
        }
        return new CompatibilityVerdict(topic, version, mode, incompatibilities.isEmpty(), write, incompatibilities);
    }

    private static List<Incompatibility> check(TopicDescriptor descriptor, JsonNode schema) {
        if (descriptor.versions().stream().anyMatch(version -> version.format() == SchemaFormat.PROTOBUF)) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "topic '" + descriptor.name() + "' is a Protobuf topic:"
                    + " add its versions by editing " + descriptor.source(),
                    List.of(new ErrorDetail("/schema", "JSON Schema versions cannot follow Protobuf ones")));
        }
        return CompatibilityChecker.check(descriptor.compatibility(), descriptor.versions(), schema);
    }

    private void write(String version, JsonNode schema) {
        Path descriptorFile = existing.map(LoadedTopic::file).orElse(directory.resolve(topic + ".yaml"));
        String schemaName = "schemas/" + topic + "." + version + ".json";
        Path schemaFile = descriptorFile.resolveSibling(schemaName);
        try {
            if (Files.exists(schemaFile)) {
                throw new KmbException(ErrorCode.BAD_REQUEST, schemaFile + " already exists: remove it or"
                        + " name it in " + descriptorFile.getFileName() + " before registering " + version);
            }
            if (existing.isEmpty() && Files.exists(descriptorFile)) {
                throw new KmbException(ErrorCode.BAD_REQUEST, descriptorFile.getFileName() + " exists but did not"
                        + " load (see the registry's problems); fix it before registering '" + topic + "'");
            }
            RegistryFiles.writeAtomically(schemaFile, Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(schema) + "\n");
            ObjectNode descriptor = existing.isPresent() ? (ObjectNode) LocatedYaml.read(descriptorFile).root()
                    : Json.object().put("name", topic).put("compatibility", CompatibilityMode.BACKWARD.name());
            descriptor.withObject("/versions").putObject(version).put("schema", schemaName);
            RegistryFiles.writeAtomically(descriptorFile, RegistryFiles.YAML.writeValueAsString(descriptor));
        } catch (IOException e) {
            throw new KmbException(ErrorCode.INTERNAL, "could not write " + version + " of '" + topic
                    + "' into the registry: " + e, List.of(), e);
        }
    }
}
