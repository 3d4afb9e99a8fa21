package ai.kind.kmb.dlq;

/** Why a message ended in the dead-letter queue. */
public enum DeathReason {
    REJECTED("rejected"),
    MAX_DELIVERIES("max_deliveries"),
    EXPIRED("expired"),
    SCHEMA_INVALID("schema_invalid"),
    HANDLER_ERROR("handler_error"),
    OVERFLOW("overflow"),
    /** A topic that requires signatures got a message unsigned or badly signed, and its policy keeps such messages. */
    SIGNATURE_INVALID("signature_invalid");

    private final String wireName;

    DeathReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DeathReason fromWireName(String name) {
        for (DeathReason reason : values()) {
            if (reason.wireName.equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown death reason '" + name + "'");
    }
}
