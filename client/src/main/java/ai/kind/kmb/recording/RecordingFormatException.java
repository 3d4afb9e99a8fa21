package ai.kind.kmb.recording;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.util.List;

/**
 * A file that cannot be read as a recording at all: no header, a header that is not one, or a
 * format version newer than this code. The message names the file, so it can be shown as it is.
 * Problems with single message lines are not exceptions; see {@link RecordingProblem}.
 */
public final class RecordingFormatException extends KmbException {
    public RecordingFormatException(String name, String reason) {
        super(ErrorCode.BAD_REQUEST, "'" + name + "' " + reason, List.of(new ErrorDetail("recording", reason)));
    }
}
