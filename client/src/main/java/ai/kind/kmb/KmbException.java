package ai.kind.kmb;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every failure the bus reports to a caller. It carries the protocol's error code and the details
 * that say exactly what was wrong, so the same object becomes an error frame, a REST error body or
 * a one-line message in kmbctl.
 */
public class KmbException extends RuntimeException {
    /** The detail of a {@code rate_limited} error that says how long to wait, in whole milliseconds. */
    public static final String RETRY_AFTER_FIELD = "retry_after_ms";

    private final ErrorCode code;
    private final List<ErrorDetail> details;

    public KmbException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public KmbException(ErrorCode code, String message, List<ErrorDetail> details) {
        this(code, message, details, null);
    }

    public KmbException(ErrorCode code, String message, List<ErrorDetail> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<ErrorDetail> details() {
        return details;
    }

    /**
     * How long the server asked the caller to wait before trying again (a {@code rate_limited}
     * refusal says so), or empty when it did not say.
     */
    public Optional<Duration> retryAfter() {
        for (ErrorDetail detail : details) {
            if (RETRY_AFTER_FIELD.equals(detail.field()) && detail.reason() != null
                    && detail.reason().matches("\\d{1,18}")) {
                return Optional.of(Duration.ofMillis(Long.parseLong(detail.reason())));
            }
        }
        return Optional.empty();
    }
}
