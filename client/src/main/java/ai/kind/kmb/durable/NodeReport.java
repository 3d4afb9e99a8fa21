package ai.kind.kmb.durable;

import java.time.Instant;

/**
 * One node's activity for a durable as that node last reported it: on a shared bus every node
 * serving the durable reports it on its heartbeat, and any node answers with all of them.
 *
 * @param activity   what the node does for the durable; its members listed up to the server's bound
 * @param reportedAt when the node reported it, by that node's clock (as its other times are); the
 *                   answering node's own is read as it answers
 */
public record NodeReport(NodeActivity activity, Instant reportedAt) {
}
