package ai.kind.kmb.protocol;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.util.List;

/** A frame that could not be read. Carries the frame's {@code req} when it was readable, to echo it. */
public final class FrameException extends KmbException {
    private final Long req;

    public FrameException(Long req, String field, String reason) {
        super(ErrorCode.BAD_REQUEST, field + " " + reason, List.of(new ErrorDetail(field, reason)));
        this.req = req;
    }

    public FrameException(Long req, KmbException cause) {
        super(cause.code(), cause.getMessage(), cause.details(), cause);
        this.req = req;
    }

    public Long req() {
        return req;
    }
}
