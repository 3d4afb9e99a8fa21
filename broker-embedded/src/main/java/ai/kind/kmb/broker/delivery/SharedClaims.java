package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable consumer served by several nodes at once: this node claims new messages from the
 * durable's group (each message goes to one node), settles what it is done with in batches, renews
 * its claims every third of the lease, and takes over what a node that stopped renewing left. On
 * close it releases what it still holds, so another node redelivers that at once rather than after
 * the lease.
 */
final class SharedClaims implements DurableSource {
    private static final Logger LOG = LoggerFactory.getLogger(SharedClaims.class);
    /** How often to look for abandoned claims; each look is a round trip to the shared server. */
    private static final Duration ABANDONED_CHECK = Duration.ofSeconds(1);

    private final String name;
    private final ConsumerClaims claims;
    private final Duration lease;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Long> toSettle = new ConcurrentLinkedQueue<>();
    private Instant lastRenewed;
    private Instant lastChecked = Instant.MIN;

    SharedClaims(String name, ConsumerClaims claims, Duration lease, Clock clock) {
        this.name = name;
        this.claims = claims;
        this.lease = lease;
        this.clock = clock;
        this.lastRenewed = clock.instant();
    }

    @Override
    public List<StoredMessage> next(int max) {
        return claims.claimNew(max);
    }

    @Override
    public List<ConsumerClaims.Abandoned> abandoned(int max) {
        Instant now = clock.instant();
        if (Duration.between(lastChecked, now).compareTo(ABANDONED_CHECK) < 0) {
            return List.of();
        }
        lastChecked = now;
        return claims.claimAbandoned(lease, max);
    }

    @Override
    public void settled(long offset) {
        toSettle.add(offset);
    }

    /** The group's position is in the shared store, where every node moves it. */
    @Override
    public OptionalLong position() {
        return OptionalLong.empty();
    }

    @Override
    public void afterRound(Books books) {
        settleQueued();
        Instant now = clock.instant();
        if (Duration.between(lastRenewed, now).compareTo(lease.dividedBy(3)) >= 0) {
            claims.renew(books.held());
            lastRenewed = now;
        }
    }

    /** A failure here is logged, not thrown: what is not released goes to another node when its lease runs out. */
    @Override
    public void close(Books books) {
        try {
            settleQueued();
            claims.release(books.held());
        } catch (RuntimeException e) {
            LOG.warn("durable {}: could not hand its unsettled messages back; other nodes take them over after the "
                    + "{} lease", name, lease, e);
        }
    }

    /** Settlements that fail go back in the queue, to go with the next round's. */
    private void settleQueued() {
        List<Long> batch = new ArrayList<>();
        for (Long offset = toSettle.poll(); offset != null; offset = toSettle.poll()) {
            batch.add(offset);
        }
        try {
            claims.settle(batch);
        } catch (RuntimeException e) {
            toSettle.addAll(batch);
            throw e;
        }
    }
}
