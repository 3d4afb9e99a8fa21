package ai.kind.kmb.broker.store.memory;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter queue of {@link InMemoryStore}. Bounded like the log: past the capacity the letter
 * added longest ago goes, and a warning says so, because a dead letter vanishing unannounced is the
 * kind of silent loss the DLQ exists to prevent. All methods are synchronized: the DLQ is small and
 * rarely busy.
 */
final class InMemoryDeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryDeadLetters.class);

    /** A letter and when it was added, to order letters that died at the same instant. */
    private record Kept(DeadLetter letter, long sequence) {
    }

    private static final Comparator<Kept> NEWEST_DEATH_FIRST = Comparator
            .comparing((Kept kept) -> kept.letter().death().lastDeath(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Kept::sequence)
            .reversed();

    private final int capacity;
    private final Map<String, Kept> letters = new LinkedHashMap<>();
    private long sequence;
    private long evicted;

    InMemoryDeadLetters(int capacity) {
        this.capacity = capacity;
    }

    synchronized DeadLetter add(DeadLetter letter) {
        DeadLetter incoming = truncated(letter.id() == null ? letter.withId(UUID.randomUUID().toString()) : letter);
        for (Kept kept : letters.values()) {
            if (kept.letter().isSameDeath(incoming)) {
                DeadLetter merged = kept.letter().diedAgain(incoming);
                letters.put(merged.id(), new Kept(merged, kept.sequence()));
                return merged;
            }
        }
        letters.put(incoming.id(), new Kept(incoming, ++sequence));
        while (letters.size() > capacity) {
            String eldest = letters.keySet().iterator().next();
            letters.remove(eldest);
            evicted++;
            LOG.warn("in-memory dead-letter queue is full ({} letters); dropped letter {} ({} dropped so far)",
                    capacity, eldest, evicted);
        }
        return incoming;
    }

    synchronized List<DeadLetter> list(DeadLetterQuery query) {
        int limit = query.limit() > 0 ? query.limit() : Integer.MAX_VALUE;
        List<DeadLetter> page = new ArrayList<>();
        for (Kept kept : letters.values().stream().sorted(NEWEST_DEATH_FIRST).toList()) {
            if (page.size() == limit) {
                break;
            }
            if (query.matches(kept.letter())) {
                page.add(kept.letter());
            }
        }
        return page;
    }

    synchronized Optional<DeadLetter> get(String id) {
        return Optional.ofNullable(letters.get(id)).map(Kept::letter);
    }

    synchronized boolean remove(String id) {
        return letters.remove(id) != null;
    }

    synchronized int purge(DeadLetterQuery query) {
        int before = letters.size();
        letters.values().removeIf(kept -> query.matches(kept.letter()));
        return before - letters.size();
    }

    /** Keeps times to the microsecond, as every other engine does. */
    private static DeadLetter truncated(DeadLetter letter) {
        DeathRecord death = letter.death();
        return new DeadLetter(letter.id(), letter.message(), new DeathRecord(death.reason(), death.originalTopic(),
                death.subscriber(), death.deliveryCount(), micros(death.firstDeath()), micros(death.lastDeath()),
                death.deaths(), death.lastError()));
    }

    static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }
}
