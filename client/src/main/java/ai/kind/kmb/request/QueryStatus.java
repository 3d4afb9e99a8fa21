package ai.kind.kmb.request;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.util.List;

/** The one reply a query gets, in {@code metadata.status}: {@code data}, {@code error} or {@code not_found}. */
public enum QueryStatus {
    DATA("data"), ERROR("error"), NOT_FOUND("not_found");

    private final String wireName;

    QueryStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static QueryStatus fromWireName(String status) {
        for (QueryStatus value : values()) {
            if (value.wireName.equals(status)) {
                return value;
            }
        }
        String reason = "'" + status + "' is not a query status (data, error, not_found)";
        throw new KmbException(ErrorCode.BAD_REQUEST, "reply " + reason, List.of(new ErrorDetail("metadata.status", reason)));
    }
}
