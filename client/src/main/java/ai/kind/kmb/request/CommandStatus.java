package ai.kind.kmb.request;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.util.List;

/** What a command's handler reports, in {@code metadata.status} of its replies: ACK, then DONE or ERROR. */
public enum CommandStatus {
    ACK, DONE, ERROR;

    public String wireName() {
        return name();
    }

    public boolean isFinal() {
        return this != ACK;
    }

    public static CommandStatus fromWireName(String status) {
        for (CommandStatus value : values()) {
            if (value.name().equals(status)) {
                return value;
            }
        }
        String reason = "'" + status + "' is not a command status (ACK, DONE, ERROR)";
        throw new KmbException(ErrorCode.BAD_REQUEST, "reply " + reason, List.of(new ErrorDetail("metadata.status", reason)));
    }
}
