package ai.kind.kmb.ui.publish;

import ai.kind.kmb.MessageType;
import java.time.Instant;

/**
 * One line of the sent history: what was sent, and how it went.
 *
 * @param number  counts sends from 1, so that a line can be found again when its outcome changes
 * @param payload the payload as the person wrote it, so that re-sending sends the same text
 * @param outcome one line: "offset 42", "2 replies, last DONE", "No responders: ..."
 */
public record SentMessage(long number, Instant sentAt, String topic, MessageType type, String payload, boolean durable,
                          String outcome) {

    public SentMessage withOutcome(String newOutcome) {
        return new SentMessage(number, sentAt, topic, type, payload, durable, newOutcome);
    }
}
