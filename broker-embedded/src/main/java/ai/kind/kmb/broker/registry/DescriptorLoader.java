package ai.kind.kmb.broker.registry;

import ai.kind.kmb.Json;
import ai.kind.kmb.Topics;
import ai.kind.kmb.broker.kmbd.ValueParsers;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.InvalidPayloadPolicy;
import ai.kind.kmb.registry.RateLimit;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import ai.kind.kmb.registry.VersionNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one topic descriptor (YAML) and the schemas it names, relative to its directory. Every
 * problem becomes a {@link DescriptorException} naming the file and line, so the registry can
 * report it and keep the topics that did load. The format is in {@code docs/registry.md}.
 */
final class DescriptorLoader {
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "owner", "compatibility",
            "durability", "retention", "signatures_required", "rate_limit", "on_invalid", "versions");
    private static final Set<String> VERSION_KEYS = Set.of("schema", "protobuf", "examples");

    private DescriptorLoader() {
    }

    static LoadedTopic load(Path file) throws DescriptorException {
        String name = file.getFileName().toString();
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.read(file);
        } catch (JsonProcessingException e) {
            throw new DescriptorException(name, LocatedYaml.lineOf(e), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DescriptorException(name, 0, "cannot be read: " + e.getMessage());
        }
        return new Reading(file, yaml).topic();
    }

    /** One descriptor being read: every error is placed at the line of the value it is about. */
    private record Reading(Path file, LocatedYaml yaml) {

        private DescriptorException error(String pointer, String message) {
            return new DescriptorException(file.getFileName().toString(), yaml.lineOf(pointer), message);
        }

        LoadedTopic topic() throws DescriptorException {
            JsonNode root = yaml.root();
            if (root == null || !root.isObject()) {
                throw error("", "a descriptor must be a YAML mapping with name and versions");
            }
            unknownKeys(root, "", TOP_KEYS);
            String topic = text(root, "/name", true);
            try {
                Topics.requireValidName(topic);
            } catch (RuntimeException e) {
                throw error("/name", e.getMessage());
            }
            JsonNode versionsNode = root.path("versions");
            if (!versionsNode.isObject() || versionsNode.isEmpty()) {
                throw error("/versions", "versions must map at least one version (v1, v2, ...) to its schema");
            }
            List<TopicVersion> versions = new ArrayList<>();
            Map<String, PayloadValidator> validators = new HashMap<>();
            for (Iterator<String> names = versionsNode.fieldNames(); names.hasNext(); ) {
                String version = names.next();
                String pointer = "/versions/" + version;
                if (!VersionNames.isValid(version)) {
                    throw error(pointer, "version '" + version + "' is not of the form v1, v2, ...");
                }
                Compiled compiled = version(version, versionsNode.get(version), pointer);
                versions.add(compiled.version());
                validators.put(version, compiled.validator());
            }
            TopicDescriptor descriptor = new TopicDescriptor(topic, text(root, "/description", false),
                    text(root, "/owner", false), parsed(root, "/compatibility", CompatibilityMode::parse),
                    parsed(root, "/durability", DescriptorLoader::durability),
                    parsed(root, "/retention", ValueParsers::positiveDuration), bool(root, "/signatures_required"),
                    rateLimit(root.path("rate_limit")), parsed(root, "/on_invalid", InvalidPayloadPolicy::fromWireName),
                    versions, file.getFileName().toString());
            return new LoadedTopic(descriptor, file, validators);
        }

        private record Compiled(TopicVersion version, PayloadValidator validator) {
        }

        private Compiled version(String version, JsonNode node, String pointer) throws DescriptorException {
            if (!node.isObject()) {
                throw error(pointer, "a version must be a mapping with schema or protobuf");
            }
            unknownKeys(node, pointer, VERSION_KEYS);
            List<JsonNode> examples = new ArrayList<>();
            node.path("examples").forEach(examples::add);
            if (node.has("schema") == node.has("protobuf")) {
                throw error(pointer, "a version needs exactly one of schema (JSON Schema) or protobuf");
            }
            if (node.has("protobuf")) {
                return protobuf(version, node.get("protobuf"), pointer + "/protobuf", examples);
            }
            JsonNode schema = schema(node.get("schema"), pointer + "/schema");
            try {
                return new Compiled(new TopicVersion(version, SchemaFormat.JSON_SCHEMA, schema, null, examples),
                        JsonSchemaValidator.compile(schema));
            } catch (IllegalArgumentException e) {
                throw error(pointer + "/schema", e.getMessage());
            }
        }

        /** Inline (a mapping) or a file beside the descriptor (a string). */
        private JsonNode schema(JsonNode node, String pointer) throws DescriptorException {
            if (!node.isTextual()) {
                return node;
            }
            Path schemaFile = file.resolveSibling(node.asText());
            try {
                return Json.mapper().readTree(Files.readString(schemaFile));
            } catch (JsonProcessingException e) {
                throw new DescriptorException(node.asText(), LocatedYaml.lineOf(e),
                        "schema is not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw error(pointer, "schema file " + node.asText() + " cannot be read: " + e);
            }
        }

        private Compiled protobuf(String version, JsonNode node, String pointer, List<JsonNode> examples)
                throws DescriptorException {
            String set = text(node, pointer + "/descriptor_set", true);
            String message = text(node, pointer + "/message", true);
            try {
                Descriptor descriptor = ProtobufSchemas.message(file.resolveSibling(set), message);
                return new Compiled(new TopicVersion(version, SchemaFormat.PROTOBUF,
                        ProtobufSchemas.describe(descriptor), message, examples), new ProtobufValidator(descriptor));
            } catch (IOException e) {
                throw error(pointer + "/descriptor_set", "descriptor set " + set + " cannot be read: " + e);
            } catch (IllegalArgumentException e) {
                throw error(pointer + "/message", e.getMessage());
            }
        }

        private void unknownKeys(JsonNode node, String pointer, Set<String> known) throws DescriptorException {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!known.contains(key)) {
                    throw error(pointer + "/" + key, "unknown key '" + key + "'; known keys: "
                            + known.stream().sorted().toList());
                }
            }
        }

        /** The text at {@code pointer} (absolute in the document, relative lookups by its last segment). */
        private String text(JsonNode parent, String pointer, boolean required) throws DescriptorException {
            JsonNode value = parent.path(pointer.substring(pointer.lastIndexOf('/') + 1));
            if (value.isMissingNode() || value.isNull()) {
                if (required) {
                    throw error(pointer.substring(0, pointer.lastIndexOf('/')), pointer.substring(
                            pointer.lastIndexOf('/') + 1) + " is required");
                }
                return null;
            }
            if (!value.isValueNode()) {
                throw error(pointer, "must be a single value");
            }
            return value.asText();
        }

        private boolean bool(JsonNode parent, String pointer) throws DescriptorException {
            JsonNode value = parent.path(pointer.substring(1));
            if (value.isMissingNode()) {
                return false;
            }
            if (!value.isBoolean()) {
                throw error(pointer, "must be true or false");
            }
            return value.booleanValue();
        }

        private <T> T parsed(JsonNode parent, String pointer, java.util.function.Function<String, T> parser)
                throws DescriptorException {
            String text = text(parent, pointer, false);
            try {
                return text == null ? null : parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw error(pointer, pointer.substring(1) + " " + e.getMessage());
            }
        }

        private RateLimit rateLimit(JsonNode node) throws DescriptorException {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.path("per_second").isNumber()) {
                throw error("/rate_limit", "rate_limit needs per_second (a number) and optionally burst");
            }
            double perSecond = node.get("per_second").asDouble();
            try {
                return new RateLimit(perSecond, node.path("burst").asInt((int) Math.max(1, Math.ceil(perSecond))));
            } catch (IllegalArgumentException e) {
                throw error("/rate_limit", e.getMessage());
            }
        }
    }

    private static String durability(String text) {
        if (!text.equals("durable") && !text.equals("ephemeral")) {
            throw new IllegalArgumentException("must be durable or ephemeral, got '" + text + "'");
        }
        return text;
    }
}
