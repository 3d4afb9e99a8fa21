package ai.kind.kmb.registry;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's records as the REST API writes them ({@code docs/protocol.md}), and read back by
 * the SDK: one mapping, so the server and its clients cannot drift apart.
 */
public final class RegistryJson {
    private RegistryJson() {
    }

    public static ObjectNode descriptor(TopicDescriptor topic) {
        ObjectNode json = Json.object().put("name", topic.name()).put("description", topic.description())
                .put("owner", topic.owner()).put("compatibility", topic.compatibility().name())
                .put("durability", topic.durability())
                .put("retention", topic.retention() == null ? null : topic.retention().toString())
                .put("signatures_required", topic.signaturesRequired())
                .put("on_invalid", topic.onInvalid().wireName()).put("source", topic.source());
        if (topic.rateLimit() != null) {
            json.putObject("rate_limit").put("per_second", topic.rateLimit().perSecond())
                    .put("burst", topic.rateLimit().burst());
        } else {
            json.putNull("rate_limit");
        }
        ArrayNode versions = json.putArray("versions");
        for (TopicVersion version : topic.versions()) {
            ObjectNode entry = versions.addObject().put("version", version.version())
                    .put("format", version.format().wireName());
            if (version.protobufMessage() != null) {
                entry.put("message", version.protobufMessage());
            }
            entry.set("schema", version.schema());
            entry.putArray("examples").addAll(version.examples());
        }
        return json;
    }

    public static TopicDescriptor descriptor(JsonNode json) {
        List<TopicVersion> versions = new ArrayList<>();
        for (JsonNode version : json.path("versions")) {
            List<JsonNode> examples = new ArrayList<>();
            version.path("examples").forEach(examples::add);
            versions.add(new TopicVersion(version.path("version").asText(),
                    SchemaFormat.fromWireName(version.path("format").asText()), version.path("schema"),
                    text(version, "message"), examples));
        }
        JsonNode rate = json.path("rate_limit");
        return new TopicDescriptor(json.path("name").asText(), text(json, "description"), text(json, "owner"),
                CompatibilityMode.parse(json.path("compatibility").asText("BACKWARD")), text(json, "durability"),
                text(json, "retention") == null ? null : Duration.parse(text(json, "retention")),
                json.path("signatures_required").asBoolean(),
                rate.isObject() ? new RateLimit(rate.path("per_second").asDouble(), rate.path("burst").asInt()) : null,
                InvalidPayloadPolicy.fromWireName(json.path("on_invalid").asText("refuse")), versions,
                text(json, "source"));
    }

    /** {@code {"topics":[...], "problems":[...]}}: every descriptor in full, and what failed to load. */
    public static ObjectNode listing(List<TopicDescriptor> topics, List<RegistryProblem> problems) {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("topics");
        topics.forEach(topic -> list.add(descriptor(topic)));
        ArrayNode broken = json.putArray("problems");
        problems.forEach(problem -> broken.addObject().put("file", problem.file()).put("line", problem.line())
                .put("message", problem.message()));
        return json;
    }

    public static List<TopicDescriptor> topics(JsonNode listing) {
        List<TopicDescriptor> topics = new ArrayList<>();
        listing.path("topics").forEach(topic -> topics.add(descriptor(topic)));
        return topics;
    }

    public static List<RegistryProblem> problems(JsonNode listing) {
        List<RegistryProblem> problems = new ArrayList<>();
        listing.path("problems").forEach(problem -> problems.add(new RegistryProblem(problem.path("file").asText(),
                problem.path("line").asInt(), problem.path("message").asText())));
        return problems;
    }

    public static ObjectNode verdict(ValidationVerdict verdict) {
        ObjectNode json = Json.object().put("topic", verdict.topic()).put("version", verdict.version())
                .put("described", verdict.described()).put("valid", verdict.valid());
        ArrayNode violations = json.putArray("violations");
        verdict.violations().forEach(violation -> violations.addObject().put("pointer", violation.field())
                .put("message", violation.reason()));
        return json;
    }

    public static ValidationVerdict validationVerdict(JsonNode json) {
        List<ErrorDetail> violations = new ArrayList<>();
        json.path("violations").forEach(violation -> violations.add(new ErrorDetail(
                violation.path("pointer").asText(), violation.path("message").asText())));
        return new ValidationVerdict(json.path("topic").asText(), text(json, "version"),
                json.path("described").asBoolean(), violations);
    }

    public static ObjectNode verdict(CompatibilityVerdict verdict) {
        ObjectNode json = Json.object().put("topic", verdict.topic()).put("version", verdict.version())
                .put("mode", verdict.mode().name()).put("compatible", verdict.compatible())
                .put("registered", verdict.registered());
        ArrayNode list = json.putArray("incompatibilities");
        verdict.incompatibilities().forEach(found -> list.addObject().put("against", found.againstVersion())
                .put("pointer", found.pointer()).put("change", found.change()).put("message", found.message()));
        return json;
    }

    public static CompatibilityVerdict compatibilityVerdict(JsonNode json) {
        List<Incompatibility> found = new ArrayList<>();
        json.path("incompatibilities").forEach(item -> found.add(new Incompatibility(item.path("against").asText(),
                item.path("pointer").asText(), item.path("change").asText(), item.path("message").asText())));
        return new CompatibilityVerdict(json.path("topic").asText(), json.path("version").asText(),
                CompatibilityMode.parse(json.path("mode").asText()), json.path("compatible").asBoolean(),
                json.path("registered").asBoolean(), found);
    }

    /** The body of a register request, {@code {"schema": {...}}}; the schema is required. */
    public static JsonNode schemaOf(JsonNode body) {
        JsonNode schema = body == null ? null : body.get("schema");
        if (schema == null || !(schema.isObject() || schema.isBoolean())) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "the body must be {\"schema\": <a JSON Schema>}",
                    List.of(new ErrorDetail("schema", "missing or not a schema")));
        }
        return schema;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
