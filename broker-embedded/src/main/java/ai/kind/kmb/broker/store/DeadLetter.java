package ai.kind.kmb.broker.store;

import ai.kind.kmb.Envelope;

/** A dead message: the original envelope untouched, and its death record. */
public record DeadLetter(String id, Envelope message, DeathRecord death) {
}
