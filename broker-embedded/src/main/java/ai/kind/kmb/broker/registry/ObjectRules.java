package ai.kind.kmb.broker.registry;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Objects, by content model. A writer whose {@code additionalProperties} is false (closed) never
 * wrote an undeclared property, so a reader may add any; an open writer may have written anything
 * under a new name, so adding a constrained property is unsafe. Conversely a property removed is
 * read by the reader's {@code additionalProperties}: fine when open, unsafe when closed, checked
 * against it when it is a schema (partially open).
 */
final class ObjectRules {
    private ObjectRules() {
    }

    static void compare(JsonSchemaDiff diff, String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        JsonNode writerProps = writer.path("properties");
        JsonNode readerProps = reader.path("properties");
        JsonNode writerExtra = additional(writer);
        JsonNode readerExtra = additional(reader);
        for (Iterator<String> names = readerProps.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String at = JsonSchemaDiff.child(pointer, "properties", name);
            if (writerProps.has(name)) {
                diff.compareChild(at, writerProps.get(name), readerProps.get(name), out);
            } else {
                added(diff, at, name, writerExtra, readerProps.get(name), out);
            }
        }
        for (Iterator<String> names = writerProps.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!readerProps.has(name)) {
                removed(diff, JsonSchemaDiff.child(pointer, "properties", name), name, writerProps.get(name),
                        readerExtra, out);
            }
        }
        extra(diff, pointer, writerExtra, readerExtra, out);
        required(pointer, writer, reader, readerProps, out);
    }

    private static void added(JsonSchemaDiff diff, String at, String name, JsonNode writerExtra, JsonNode property,
                              List<SchemaChange> out) {
        if (JsonSchemaDiff.rejectsEverything(writerExtra)) {
            return;
        }
        if (!JsonSchemaDiff.acceptsAnything(writerExtra)) {
            if (!diff.compatible(writerExtra, property)) {
                out.add(new SchemaChange(at, "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                        "property '" + name + "' added, but earlier data may hold values under it that the"
                                + " writer's additionalProperties allowed and it refuses"));
            }
            return;
        }
        if (!JsonSchemaDiff.acceptsAnything(property)) {
            out.add(new SchemaChange(at, "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "property '" + name
                    + "' added to an open content model: earlier data may hold anything under it;"
                    + " close the earlier version (additionalProperties: false) to add properties safely"));
        }
    }

    private static void removed(JsonSchemaDiff diff, String at, String name, JsonNode property, JsonNode readerExtra,
                                List<SchemaChange> out) {
        if (JsonSchemaDiff.acceptsAnything(readerExtra)) {
            return;
        }
        if (JsonSchemaDiff.rejectsEverything(readerExtra)) {
            out.add(new SchemaChange(at, "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", "property '" + name
                    + "' removed from a closed content model: earlier data holding it is refused"));
        } else if (!diff.compatible(property, readerExtra)) {
            out.add(new SchemaChange(at, "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                    "property '" + name + "' removed and the reader's additionalProperties refuses its values"));
        }
    }

    private static void extra(JsonSchemaDiff diff, String pointer, JsonNode writerExtra, JsonNode readerExtra,
                              List<SchemaChange> out) {
        String at = JsonSchemaDiff.child(pointer, "additionalProperties");
        if (JsonSchemaDiff.rejectsEverything(writerExtra) || JsonSchemaDiff.acceptsAnything(readerExtra)) {
            return;
        }
        if (JsonSchemaDiff.rejectsEverything(readerExtra)) {
            out.add(new SchemaChange(at, "ADDITIONAL_PROPERTIES_REMOVED",
                    "additional properties are no longer allowed (content model closed)"));
        } else if (JsonSchemaDiff.acceptsAnything(writerExtra)) {
            out.add(new SchemaChange(at, "ADDITIONAL_PROPERTIES_NARROWED",
                    "additional properties were open and are now constrained"));
        } else {
            diff.compareChild(at, writerExtra, readerExtra, out);
        }
    }

    private static void required(String pointer, JsonNode writer, JsonNode reader, JsonNode readerProps,
                                 List<SchemaChange> out) {
        Set<String> before = new HashSet<>();
        writer.path("required").forEach(name -> before.add(name.asText()));
        for (JsonNode name : reader.path("required")) {
            if (!before.contains(name.asText()) && !readerProps.path(name.asText()).has("default")) {
                out.add(new SchemaChange(JsonSchemaDiff.child(pointer, "required"), "REQUIRED_ATTRIBUTE_ADDED",
                        "'" + name.asText() + "' is now required (and has no default): earlier data may lack it"));
            }
        }
    }

    /** {@code additionalProperties} as a schema: absent means open ({@code true}). */
    private static JsonNode additional(JsonNode schema) {
        JsonNode extra = schema.path("additionalProperties");
        if (extra.isMissingNode()) {
            return BooleanNode.TRUE;
        }
        return extra.isBoolean() || extra.isObject() ? extra : Json.object();
    }
}
