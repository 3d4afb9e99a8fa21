package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.broker.store.DeadLetters;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Moves a message to the dead-letter queue with its death record, and announces it. */
public final class DeadLetterer {
    private final DeadLetters store;
    private final Advisories advisories;
    private final Clock clock;

    public DeadLetterer(DeadLetters store, Advisories advisories, Clock clock) {
        this.store = store;
        this.advisories = advisories;
        this.clock = clock;
    }

    /** Completes once the letter is on disk; only then may the caller forget the message. */
    public CompletableFuture<DeadLetter> kill(Envelope message, DeathReason reason, String subscriber, int deliveries,
                                              String lastError) {
        Instant now = clock.instant();
        DeathHistory history = DeathHistory.of(message);
        Instant firstDeath = history.firstDeath() == null ? now : history.firstDeath();
        DeathRecord death = new DeathRecord(reason, message.topic(), subscriber, deliveries, firstDeath, now,
                history.deaths() + 1, lastError);
        return store.addDeadLetter(new DeadLetter(UUID.randomUUID().toString(), message, death))
                .thenApply(stored -> {
                    advisories.deadLetter(stored.id(), reason.wireName(), message.topic(), subscriber, deliveries);
                    return stored;
                });
    }
}
