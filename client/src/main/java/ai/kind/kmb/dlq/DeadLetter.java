package ai.kind.kmb.dlq;

import ai.kind.kmb.Envelope;
import java.util.Objects;

/** A dead message: the original envelope untouched, and its death record. */
public record DeadLetter(String id, Envelope message, DeathRecord death) {

    public DeadLetter withId(String newId) {
        return new DeadLetter(newId, message, death);
    }

    /**
     * True when {@code other} is a later death of the same message (same message id) for the same
     * subscriber, so it updates this letter rather than adding one. Messages without an id never do.
     */
    public boolean isSameDeath(DeadLetter other) {
        return message.id() != null && message.id().equals(other.message().id())
                && Objects.equals(death.subscriber(), other.death().subscriber());
    }

    /**
     * This letter after the message died again: the id and first death stay, the deaths add up,
     * and the rest (reason, delivery count, last death, last error, envelope) is the latest one's.
     * Every engine merges through here so that they agree.
     */
    public DeadLetter diedAgain(DeadLetter again) {
        DeathRecord next = again.death();
        DeathRecord merged = new DeathRecord(next.reason(), next.originalTopic(), next.subscriber(),
                next.deliveryCount(), death.firstDeath(), next.lastDeath(), death.deaths() + Math.max(1, next.deaths()),
                next.lastError());
        return new DeadLetter(id, again.message(), merged);
    }
}
