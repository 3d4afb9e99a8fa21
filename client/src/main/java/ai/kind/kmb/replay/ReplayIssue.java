package ai.kind.kmb.replay;

/**
 * Why one message was not replayed. {@code messageId} and {@code topic} are the original's, when
 * known (an unreadable recording line has neither).
 */
public record ReplayIssue(Kind kind, String messageId, String topic, String reason) {
    public enum Kind {
        /** The source could not be read at this point, such as a corrupt recording line. */
        UNREADABLE,
        /** The message cannot be replayed as asked, such as a target topic that breaks the rules. */
        SKIPPED,
        /** The bus refused the publish. */
        PUBLISH_FAILED
    }
}
