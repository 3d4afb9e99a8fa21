package ai.kind.kmb;

import java.util.List;

/**
 * Every failure the bus reports to a caller. It carries the protocol's error code and the details
 * that say exactly what was wrong, so the same object becomes an error frame, a REST error body or
 * a one-line message in kmbctl.
 */
public class KmbException extends RuntimeException {
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
}
