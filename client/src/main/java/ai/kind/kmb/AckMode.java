package ai.kind.kmb;

/** Who acknowledges deliveries: the bus once the handler returns, or the handler itself. */
public enum AckMode {
    AUTO("auto"),
    MANUAL("manual");

    private final String wireName;

    AckMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AckMode fromWireName(String name) {
        for (AckMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return mode;
            }
        }
        throw new KmbException(ErrorCode.BAD_REQUEST, "ack '" + name + "' is not one of auto, manual",
                java.util.List.of(new ErrorDetail("ack", "must be auto or manual")));
    }
}
