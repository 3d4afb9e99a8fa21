package ai.kind.kmb.snapshot;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.TopicFilter;
import java.util.List;
import java.util.regex.Pattern;

/** The rules every snapshot obeys, checked alike by the broker and the SDK. */
public final class SnapshotNames {
    /** Agent names: letters, digits, {@code _ - .}, at most 128 characters, so they sit in URLs and file names. */
    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private SnapshotNames() {
    }

    public static String requireAgent(String agent) {
        if (agent == null || !AGENT.matcher(agent).matches()) {
            String reason = "must be 1 to 128 letters, digits, '_', '-' or '.'";
            throw new KmbException(ErrorCode.BAD_REQUEST, "agent " + reason + ", got '" + agent + "'",
                    List.of(new ErrorDetail("agent", reason)));
        }
        return agent;
    }

    /** Checks a snapshot's offset and filters; returns the filters. */
    public static List<String> requireCoverage(long offset, List<String> filters) {
        if (offset < 0) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "offset must be zero or more, got " + offset,
                    List.of(new ErrorDetail("offset", "must be zero or more")));
        }
        filters.forEach(TopicFilter::parse);
        return List.copyOf(filters);
    }
}
