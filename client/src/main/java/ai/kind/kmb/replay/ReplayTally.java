package ai.kind.kmb.replay;

import ai.kind.kmb.PublishAck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a replay has done so far. Publishes settle on the bus's threads while the runner reads on
 * its own, so every method is synchronized; the session takes its own lock before this one, never
 * the other way round.
 */
final class ReplayTally {
    private final List<ReplayIssue> issues = new ArrayList<>();
    private long published;
    private long skipped;
    private long failed;
    private long total = ReplayProgress.UNKNOWN;
    private Instant position;

    /** A publish settled: acknowledged, or refused with {@code error}. */
    synchronized void settled(String originalId, String originalTopic, PublishAck ack, Throwable error) {
        if (error != null) {
            failed++;
            issue(new ReplayIssue(ReplayIssue.Kind.PUBLISH_FAILED, originalId, originalTopic, ReplayRunner.reason(error)));
        } else if (ack != null && ack.duplicate()) {
            // Replays carry fresh ids, so this means the bus is not doing what it should; say so.
            failed++;
            issue(new ReplayIssue(ReplayIssue.Kind.PUBLISH_FAILED, originalId, originalTopic,
                    "the bus took it for a duplicate of " + ack.id() + " and did not publish it again"));
        } else {
            published++;
        }
    }

    synchronized void skipped(ReplayIssue issue, Instant receivedAt) {
        skipped++;
        if (receivedAt != null) {
            position = receivedAt;
        }
        issue(issue);
    }

    synchronized void sent(Instant receivedAt) {
        position = receivedAt;
    }

    synchronized void total(long count) {
        total = count;
    }

    /** At the end every message has been dealt with, so the total is what was handled. */
    synchronized void totalIsHandled() {
        total = published + skipped + failed;
    }

    synchronized List<ReplayIssue> issues() {
        return List.copyOf(issues);
    }

    synchronized ReplayProgress snapshot(String id, ReplayState state, String failure) {
        return new ReplayProgress(id, state, published, skipped, failed, total, position, failure);
    }

    private void issue(ReplayIssue issue) {
        if (issues.size() < ReplaySession.MAX_ISSUES_KEPT) {
            issues.add(issue);
        }
    }
}
