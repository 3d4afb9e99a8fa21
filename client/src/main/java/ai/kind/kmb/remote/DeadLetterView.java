package ai.kind.kmb.remote;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/** A dead letter as the REST routes answer it: the original message and why it died. */
public record DeadLetterView(String id, Envelope message, Death death) {

    /**
     * The death record. {@code reason} is the wire name ({@code rejected}, {@code max_deliveries},
     * {@code expired}, {@code schema_invalid}, {@code handler_error}, {@code overflow}); {@code deaths}
     * counts how often the same message died for the same subscriber.
     */
    public record Death(String reason, String originalTopic, String subscriber, int deliveryCount,
                        Instant firstDeath, Instant lastDeath, int deaths, String lastError) {
    }
}
