package ai.kind.kmb.registry;

/** What the broker does with a payload its topic's schema refuses. */
public enum InvalidPayloadPolicy {
    /** The publisher gets {@code schema_invalid} with every violation; nothing is kept. */
    REFUSE("refuse"),
    /** The message is kept as a dead letter with reason {@code schema_invalid}; the publisher is told so. */
    DEAD_LETTER("dead_letter");

    private final String wireName;

    InvalidPayloadPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static InvalidPayloadPolicy fromWireName(String name) {
        for (InvalidPayloadPolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown on_invalid '" + name + "'; one of refuse, dead_letter");
    }
}
