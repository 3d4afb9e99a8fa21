package ai.kind.kmb.registry;

/** How a topic version states its payload: a JSON Schema, or a Protobuf message taking JSON payloads. */
public enum SchemaFormat {
    JSON_SCHEMA("json_schema"),
    PROTOBUF("protobuf");

    private final String wireName;

    SchemaFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SchemaFormat fromWireName(String name) {
        for (SchemaFormat format : values()) {
            if (format.wireName.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown schema format '" + name + "'");
    }
}
