package ai.kind.kmb.ui.publish;

import java.time.Duration;

/**
 * One reply to the command or query just sent.
 *
 * @param after   from the send to this reply
 * @param status  the reply's {@code metadata.status} (ACK, DONE, ERROR, data, error, not_found), or "reply"
 * @param summary the payload on one line, or its error text
 * @param json    the whole reply envelope, pretty printed
 * @param failed  ERROR, error or not_found: shown as a failure
 */
public record ReplyRow(Duration after, String status, String summary, String json, boolean failed) {
}
