package ai.kind.kmb;

import java.util.List;

/** An envelope that cannot be accepted; names the field and the reason. */
public final class InvalidEnvelopeException extends KmbException {
    private final String field;

    public InvalidEnvelopeException(String field, String reason) {
        super(ErrorCode.BAD_REQUEST, "invalid message: " + field + " " + reason,
                List.of(new ErrorDetail(field, reason)));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
