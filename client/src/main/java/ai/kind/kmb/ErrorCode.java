package ai.kind.kmb;

/** The error codes of the wire protocol, each with the HTTP status REST answers it with. */
public enum ErrorCode {
    BAD_REQUEST("bad_request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    SCHEMA_INVALID("schema_invalid", 400),
    RATE_LIMITED("rate_limited", 429),
    TOO_LARGE("too_large", 413),
    NO_RESPONDERS("no_responders", 503),
    UNAVAILABLE("unavailable", 503),
    /** A command, query or vote got no answer in time; the SDK raises it, the server never sends it. */
    TIMEOUT("timeout", 504),
    INTERNAL("internal", 500);

    private final String wireName;
    private final int httpStatus;

    ErrorCode(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static ErrorCode fromWireName(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        return INTERNAL;
    }
}
