package ai.kind.kmb.tx;

import ai.kind.kmb.PublishAck;
import java.util.List;

/**
 * How a commit ended: committed with the messages' acks in order, or rolled back because a
 * participant voted no or did not vote in time ({@code reason} says which).
 */
public record TransactionOutcome(String transactionId, boolean committed, List<PublishAck> acks, String reason) {
    public TransactionOutcome {
        acks = List.copyOf(acks);
    }

    static TransactionOutcome committed(String id, List<PublishAck> acks) {
        return new TransactionOutcome(id, true, acks, null);
    }

    static TransactionOutcome rolledBack(String id, String reason) {
        return new TransactionOutcome(id, false, List.of(), reason);
    }
}
