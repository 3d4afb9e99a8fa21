package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Values as Redis holds them. Times are integer microseconds since the epoch, as in the SQL
 * engines; they stay exact as Redis sorted-set scores (doubles) until the year 2255. Consumers and
 * dead letters are JSON documents in hashes, written whole, so one HSET replaces one atomically.
 */
final class RedisCodec {
    /** A consumer's state as stored; the name is the hash field. */
    record ConsumerJson(String filter, String group, long ackFloor, long cursor, List<PendingJson> pending) {
    }

    record PendingJson(long offset, String messageId, int deliveries, Long firstDelivered, String lastError) {
    }

    /**
     * A dead letter as stored. {@code member} is its entry in the order set and {@code death_key}
     * its entry in the merge index, kept here so the remove script can find both.
     */
    record LetterJson(String id, String reason, String original_topic, String subscriber, int delivery_count,
                      Long first_death, Long last_death, int deaths, String last_error, String message,
                      String member, String death_key) {
    }

    private RedisCodec() {
    }

    static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    /** The smallest whole microsecond at or after {@code time}: exact bounds for whole-microsecond values. */
    static long ceilMicros(Instant time) {
        return micros(time) + (time.getNano() % 1_000 == 0 ? 0 : 1);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static StoredMessage message(String offset, String micros, String envelope) {
        return new StoredMessage(Long.parseLong(offset), instant(Long.parseLong(micros)), EnvelopeCodec.fromJson(envelope));
    }

    static String consumer(ConsumerState state) {
        List<PendingJson> pending = new ArrayList<>();
        for (PendingDelivery p : state.pending()) {
            pending.add(new PendingJson(p.offset(), p.messageId(), p.deliveries(),
                    p.firstDelivered() == null ? null : micros(p.firstDelivered()), p.lastError()));
        }
        return write(new ConsumerJson(state.filter(), state.group(), state.ackFloor(), state.cursor(), pending));
    }

    static ConsumerState consumer(String name, String json) {
        ConsumerJson stored = read(json, ConsumerJson.class);
        List<PendingDelivery> pending = stored.pending().stream()
                .map(p -> new PendingDelivery(p.offset(), p.messageId(), p.deliveries(),
                        p.firstDelivered() == null ? null : instant(p.firstDelivered()), p.lastError()))
                .toList();
        return new ConsumerState(name, stored.filter(), stored.group(), stored.ackFloor(), stored.cursor(), pending);
    }

    static LetterJson letter(DeadLetter letter, String member, String deathKey) {
        DeathRecord death = letter.death();
        return new LetterJson(letter.id(), death.reason().wireName(), death.originalTopic(), death.subscriber(),
                death.deliveryCount(), death.firstDeath() == null ? null : micros(death.firstDeath()),
                death.lastDeath() == null ? null : micros(death.lastDeath()), death.deaths(), death.lastError(),
                EnvelopeCodec.toJsonString(letter.message()), member, deathKey);
    }

    static DeadLetter letter(LetterJson stored) {
        DeathRecord death = new DeathRecord(DeathReason.fromWireName(stored.reason()), stored.original_topic(),
                stored.subscriber(), stored.delivery_count(),
                stored.first_death() == null ? null : instant(stored.first_death()),
                stored.last_death() == null ? null : instant(stored.last_death()), stored.deaths(), stored.last_error());
        return new DeadLetter(stored.id(), EnvelopeCodec.fromJson(stored.message()), death);
    }

    /**
     * Where a death of this message for this subscriber is indexed: a JSON array, which no two
     * different pairs can share whatever characters the id or subscriber hold. Null without an id.
     */
    static String deathKey(DeadLetter letter) {
        return letter.message().id() == null ? null : write(new String[] {letter.message().id(), letter.death().subscriber()});
    }

    static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " does not decode: "
                    + e.getOriginalMessage(), e);
        }
    }
}
