package ai.kind.kmb.ui.replay;

import ai.kind.kmb.replay.ReplayIssue;
import ai.kind.kmb.replay.ReplayProgress;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A replay's progress and issues as lines a person reads. */
final class ReplayText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private ReplayText() {
    }

    static String progress(ReplayProgress p) {
        String total = p.total() == ReplayProgress.UNKNOWN ? "?" : Long.toString(p.total());
        return p.state().wireName() + " · " + p.handled() + " of " + total + " · published " + p.published()
                + " · skipped " + p.skipped() + " · failed " + p.failed()
                + (p.position() == null ? "" : " · at " + TIME.format(p.position()));
    }

    static String issue(ReplayIssue issue) {
        String kind = switch (issue.kind()) {
            case UNREADABLE -> "unreadable";
            case SKIPPED -> "skipped";
            case PUBLISH_FAILED -> "refused";
        };
        return kind + (issue.topic() == null ? "" : " " + issue.topic()) + ": " + issue.reason();
    }
}
