package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.StoredMessage;
import java.time.Instant;
import java.util.List;

/**
 * How messages join a durable consumer's books: new ones from its {@link DurableSource}, and on a
 * shared bus those another node claimed and abandoned. Each batch is read from the source without
 * the books' lock, then booked under it in one go: a message the filter does not take is settled at
 * once, one whose time to live ran out is dead-lettered, the rest are delivered if a member is there.
 * Runs on the consumer's loop thread only.
 */
final class ConsumerIntake {
    private static final int READ_BATCH = 256;

    private final DurableSource source;
    private final TopicFilter filter;
    private final int maxDeliver;
    private final DeliveryBooks books;

    ConsumerIntake(DurableSource source, SubscribeOptions options, DeliveryBooks books) {
        this.source = source;
        this.filter = options.topicFilter();
        this.maxDeliver = options.maxDeliver();
        this.books = books;
    }

    /** Takes new messages, at most {@code room}; returns true when there may be more right now. */
    boolean takeNew(int room, Instant now) {
        int asked = Math.min(room, READ_BATCH);
        List<StoredMessage> batch = source.next(asked);
        return books.locked(() -> {
            for (StoredMessage stored : batch) {
                books.touch();
                if (!filter.matches(stored.envelope().topic())) {
                    source.settled(stored.offset());
                    continue;
                }
                PendingEntry entry = new PendingEntry(stored.offset(), stored.envelope(), stored.receivedAt(), now, 0,
                        null);
                if (expired(stored, now)) {
                    entry.lastError = "ttl_ms " + stored.envelope().metadata().ttlMs() + " ran out before delivery";
                    books.takeToDie(entry, DeathReason.EXPIRED);
                } else {
                    books.take(entry, now);
                }
            }
            return batch.size() == asked;
        });
    }

    /**
     * Takes over what another node claimed and stopped renewing, at most {@code room}, counting the
     * deliveries it made; returns how many joined the books.
     */
    int adoptAbandoned(int room, Instant now) {
        List<ConsumerClaims.Abandoned> abandoned = source.abandoned(room);
        return books.locked(() -> {
            int adopted = 0;
            for (ConsumerClaims.Abandoned taken : abandoned) {
                StoredMessage stored = taken.message();
                if (books.holds(stored.offset())) {
                    continue; // this node's own claim, which it failed to renew in time: still on the books
                }
                if (!filter.matches(stored.envelope().topic())) {
                    source.settled(stored.offset());
                    continue;
                }
                PendingEntry entry = new PendingEntry(stored.offset(), stored.envelope(), stored.receivedAt(), now,
                        taken.earlierClaims(),
                        "taken over from a node that stopped renewing its claim");
                adopted++;
                if (entry.deliveries >= maxDeliver) {
                    books.takeToDie(entry, DeathReason.MAX_DELIVERIES);
                } else {
                    books.take(entry, now);
                }
            }
            return adopted;
        });
    }

    private static boolean expired(StoredMessage stored, Instant now) {
        Long ttl = stored.envelope().metadata().ttlMs();
        return ttl != null && stored.receivedAt().plusMillis(ttl).isBefore(now);
    }
}
