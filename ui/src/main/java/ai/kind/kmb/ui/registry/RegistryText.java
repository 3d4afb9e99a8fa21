package ai.kind.kmb.ui.registry;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.TopicDescriptor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How the registry browser words a descriptor and shows a schema. */
final class RegistryText {
    private RegistryText() {
    }

    static String details(TopicDescriptor topic) {
        List<String> parts = new ArrayList<>();
        if (topic.owner() != null) {
            parts.add("owner " + topic.owner());
        }
        parts.add(topic.compatibility().name());
        if (topic.durability() != null) {
            parts.add(topic.durability());
        }
        if (topic.retention() != null) {
            parts.add("kept " + topic.retention().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        }
        parts.add(topic.signaturesRequired() ? "signatures required" : "unsigned allowed");
        if (topic.rateLimit() != null) {
            parts.add(topic.rateLimit().perSecond() + "/s (burst " + topic.rateLimit().burst() + ")");
        }
        parts.add("invalid payloads: " + topic.onInvalid().wireName().replace('_', ' '));
        String description = topic.description() == null ? "" : topic.description() + "\n";
        return description + String.join(" · ", parts);
    }

    static String pretty(JsonNode schema) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
