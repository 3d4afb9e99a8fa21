package ai.kind.kmb.broker.registry;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a descriptor set ({@code protoc --include_imports --descriptor_set_out}) and finds a message
 * in it; describes a message as JSON for people and templates.
 */
final class ProtobufSchemas {
    private static final int MAX_DEPTH = 4;
    private ProtobufSchemas() {
    }

    static Descriptor message(Path descriptorSet, String fullName) throws IOException {
        FileDescriptorSet set;
        try (InputStream in = Files.newInputStream(descriptorSet)) {
            set = FileDescriptorSet.parseFrom(in);
        }
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        set.getFileList().forEach(file -> protos.put(file.getName(), file));
        Map<String, FileDescriptor> built = new HashMap<>();
        for (FileDescriptorProto proto : set.getFileList()) {
            Descriptor found = build(proto, protos, built).findMessageTypeByName(simpleName(proto, fullName));
            if (found != null && found.getFullName().equals(fullName)) {
                return found;
            }
        }
        throw new IllegalArgumentException("message '" + fullName + "' is not in descriptor set "
                + descriptorSet.getFileName());
    }

    private static String simpleName(FileDescriptorProto proto, String fullName) {
        String prefix = proto.getPackage().isEmpty() ? "" : proto.getPackage() + ".";
        return fullName.startsWith(prefix) ? fullName.substring(prefix.length()) : fullName;
    }

    private static FileDescriptor build(FileDescriptorProto proto, Map<String, FileDescriptorProto> protos,
                                        Map<String, FileDescriptor> built) {
        FileDescriptor done = built.get(proto.getName());
        if (done != null) {
            return done;
        }
        FileDescriptor[] dependencies = proto.getDependencyList().stream().map(name -> {
            FileDescriptorProto dependency = protos.get(name);
            if (dependency == null) {
                throw new IllegalArgumentException("descriptor set lacks '" + name + "', imported by "
                        + proto.getName() + " (build it with protoc --include_imports)");
            }
            return build(dependency, protos, built);
        }).toArray(FileDescriptor[]::new);
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
            built.put(proto.getName(), file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new IllegalArgumentException("descriptor set is inconsistent: " + e.getMessage(), e);
        }
    }

    /** The message as JSON: its full name and, per field, the JSON name, type, number and whether repeated. */
    static ObjectNode describe(Descriptor message) {
        return describe(message, 0);
    }

    /** Nesting stops at a few levels, so a message that contains itself does not recurse forever. */
    private static ObjectNode describe(Descriptor message, int depth) {
        ObjectNode description = Json.object().put("message", message.getFullName());
        ArrayNode fields = description.putArray("fields");
        for (FieldDescriptor field : message.getFields()) {
            ObjectNode entry = fields.addObject().put("name", field.getJsonName())
                    .put("number", field.getNumber()).put("type", typeName(field));
            if (field.isRepeated()) {
                entry.put("repeated", true);
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField() && depth < MAX_DEPTH) {
                entry.set("fields", describe(field.getMessageType(), depth + 1).get("fields"));
            }
        }
        return description;
    }

    private static String typeName(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case MESSAGE -> field.getMessageType().getFullName();
            case ENUM -> field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    }
}
