package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.dlq.DeathRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * A requeued dead letter carries its death history in headers, as RabbitMQ's {@code x-death} does,
 * so that when it dies again the new letter continues the count and keeps the first death time.
 */
public record DeathHistory(int deaths, Instant firstDeath) {
    public static final String DEATHS_HEADER = "kmb_deaths";
    public static final String FIRST_DEATH_HEADER = "kmb_first_death";

    /** The history a message carries, or none (zero deaths) when it never died or the headers are foreign. */
    public static DeathHistory of(Envelope message) {
        Map<String, String> headers = message.metadata().headers();
        String deaths = headers.get(DEATHS_HEADER);
        String first = headers.get(FIRST_DEATH_HEADER);
        if (deaths == null || first == null) {
            return new DeathHistory(0, null);
        }
        try {
            return new DeathHistory(Integer.parseInt(deaths), Instant.parse(first));
        } catch (NumberFormatException | DateTimeParseException e) {
            return new DeathHistory(0, null);
        }
    }

    /** The message as it goes back on the bus, carrying the death record it leaves behind. */
    public static Envelope carry(Envelope message, DeathRecord death) {
        Map<String, String> headers = new HashMap<>(message.metadata().headers());
        headers.put(DEATHS_HEADER, Integer.toString(death.deaths()));
        headers.put(FIRST_DEATH_HEADER, death.firstDeath().toString());
        return message.withMetadata(message.metadata().withHeaders(headers));
    }
}
