package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/**
 * The consumer's bookkeeping for one unsettled message. Mutable, and only touched under the
 * owning consumer's lock ({@link DeliveryBooks}).
 */
final class PendingEntry {
    enum State {
        /** Handed to a member; {@code due} is when the ack wait runs out. */
        IN_FLIGHT,
        /** Waiting to be delivered again at {@code due}. */
        WAITING,
        /** Being written to the dead-letter queue. */
        DYING
    }

    final long offset;
    final Envelope message;
    /** When the log received the message, which retention goes by. */
    final Instant receivedAt;
    final Instant firstDelivered;
    int deliveries;
    State state;
    Instant due;
    DurableMember member;
    String lastError;

    PendingEntry(long offset, Envelope message, Instant receivedAt, Instant firstDelivered, int deliveries,
                 String lastError) {
        this.offset = offset;
        this.message = message;
        this.receivedAt = receivedAt;
        this.firstDelivered = firstDelivered;
        this.deliveries = deliveries;
        this.lastError = lastError;
        this.state = State.WAITING;
        this.due = firstDelivered;
    }
}
