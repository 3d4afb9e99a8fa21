package ai.kind.kmb.dlq;

import java.time.Instant;

/**
 * Why and when a message died. {@code deaths} counts how often the same message died for the same
 * subscriber (after a requeue it may die again); {@code firstDeath} stays, {@code lastDeath} moves.
 */
public record DeathRecord(DeathReason reason, String originalTopic, String subscriber, int deliveryCount,
                          Instant firstDeath, Instant lastDeath, int deaths, String lastError) {
}
