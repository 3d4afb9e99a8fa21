package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.durable.DurableSubscriber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable consumer's books, behind its one lock: the members on this node and the unsettled
 * messages, and every change of a message's state: delivered round robin, failed and due again
 * after the backoff, dead-lettered, settled. Members' acks and the consumer's loop both come
 * through here; the store is never read under the lock.
 */
final class DeliveryBooks implements DurableSource.Books {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBooks.class);

    private final String name;
    private final SubscribeOptions options;
    private final DurableSource source;
    private final DeadLetterer deadLetterer;
    private final Clock clock;
    private final Runnable wake;
    private final ReentrantLock lock = new ReentrantLock();
    private final PendingBook pending = new PendingBook();
    private final List<DurableMember> members = new ArrayList<>();
    private int nextMember;
    private Instant lastDelivered;
    private Instant lastAcked;
    /** Written under the lock; the loop reads it without. */
    private volatile boolean open = true;

    /** {@code wake} nudges the consumer's loop once a dead letter is on disk (or failed to get there). */
    DeliveryBooks(String name, SubscribeOptions options, DurableSource source, DeadLetterer deadLetterer, Clock clock,
                  Runnable wake) {
        this.name = name;
        this.options = options;
        this.source = source;
        this.deadLetterer = deadLetterer;
        this.clock = clock;
        this.wake = wake;
    }

    /** Before the loop starts, so without the lock: an unsettled message from the saved state. */
    void restore(PendingEntry entry) {
        pending.add(entry);
    }

    boolean open() {
        return open;
    }

    // ---- members

    /** Without a group a durable takes one subscriber at a time. */
    void join(DurableMember member, String requestedGroup) {
        lock.lock();
        try {
            if (!open) {
                throw new KmbException(ErrorCode.UNAVAILABLE, "durable '" + name
                        + "' was released by this node as its last subscriber left; subscribe again");
            }
            if (!members.isEmpty() && (options.group() == null || !options.group().equals(requestedGroup))) {
                throw new KmbException(ErrorCode.BAD_REQUEST, "durable '" + name
                        + "' already has a subscriber; subscribe with the same group to share it");
            }
            members.add(member);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the member held goes back for redelivery to the others (or the next one); true when it
     * was the last member and the books are still open (not when {@link #close()} lets the members go).
     */
    boolean leave(DurableMember member) {
        return locked(() -> {
            members.remove(member);
            pending.releaseHeldBy(member, clock.instant());
            return members.isEmpty() && open;
        });
    }

    /** Takes no more members; returns those attached, for the consumer to close. */
    List<DurableMember> close() {
        return locked(() -> {
            open = false;
            return List.copyOf(members);
        });
    }

    /** A moment's view for people; reads the books under the lock and never the store. */
    ConsumerActivity activity() {
        return locked(() -> {
            // The loop moves the cursor just before it books the batch it read, so the floor may
            // briefly run ahead of a batch on its way in.
            OptionalLong cursor = source.position();
            OptionalLong floor = cursor.isPresent() ? OptionalLong.of(pending.ackFloor(cursor.getAsLong()))
                    : OptionalLong.empty();
            Map<DurableMember, Integer> held = pending.inFlightByMember();
            List<DurableSubscriber> attached = members.stream()
                    .map(member -> member.asSubscriber(held.getOrDefault(member, 0))).toList();
            int inFlight = held.values().stream().mapToInt(Integer::intValue).sum();
            return new ConsumerActivity(attached, inFlight, pending.size() - inFlight, cursor, floor, lastDelivered,
                    lastAcked);
        });
    }

    // ---- what members say of their deliveries

    void ack(String messageId) {
        withEntry(messageId, entry -> {
            if (entry.state != PendingEntry.State.DYING) {
                settle(entry);
                lastAcked = clock.instant();
            }
        });
    }

    void fail(String messageId, String error) {
        withEntry(messageId, entry -> {
            if (entry.state == PendingEntry.State.IN_FLIGHT) {
                failed(entry, error, clock.instant());
            }
        });
    }

    /** Dead-letters a delivery at once, whatever its delivery count. */
    void deadLetter(String messageId, DeathReason reason, String error) {
        withEntry(messageId, entry -> {
            if (entry.state != PendingEntry.State.DYING) {
                entry.lastError = error;
                die(entry, reason);
            }
        });
    }

    /** Runs {@code action} under the lock on the unsettled delivery of this message, if there is one. */
    private void withEntry(String messageId, Consumer<PendingEntry> action) {
        lock.lock();
        try {
            PendingEntry entry = pending.byId(messageId);
            if (entry != null) {
                action.accept(entry);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- the loop's round

    /** Redelivers what is due and times out what waited too long; returns the room for new messages. */
    int settleDue(Instant now) {
        return locked(() -> {
            for (PendingEntry entry : pending.due(now)) {
                if (entry.state == PendingEntry.State.IN_FLIGHT) {
                    failed(entry, "not acknowledged within ack_wait " + options.ackWait(), now);
                }
                if (entry.state == PendingEntry.State.WAITING && !entry.due.isAfter(now) && !members.isEmpty()) {
                    deliver(entry, now);
                }
            }
            return members.isEmpty() ? 0 : options.maxInflight() - pending.size();
        });
    }

    Instant nextDue() {
        return locked(pending::nextDue);
    }

    // ---- called under the lock, by the intake as it books a batch

    /** The source moved past a message, whatever becomes of it: the saved state is stale. */
    void touch() {
        pending.touch();
    }

    boolean holds(long offset) {
        return pending.holds(offset);
    }

    /** Books a message taken from the source and delivers it if a member is there to take it. */
    void take(PendingEntry entry, Instant now) {
        pending.add(entry);
        if (!members.isEmpty()) {
            deliver(entry, now);
        }
    }

    /** Books a message taken from the source that is not to be delivered: it goes to the dead-letter queue. */
    void takeToDie(PendingEntry entry, DeathReason reason) {
        pending.add(entry);
        die(entry, reason);
    }

    // ---- state changes, under the lock

    private void deliver(PendingEntry entry, Instant now) {
        DurableMember member = members.get(Math.floorMod(nextMember++, members.size()));
        entry.deliveries++;
        entry.state = PendingEntry.State.IN_FLIGHT;
        entry.due = now.plus(options.ackWait());
        entry.member = member;
        pending.touch();
        lastDelivered = now;
        member.deliver(new Delivery(member.id(), entry.deliveries, entry.offset, entry.message, member));
    }

    private void failed(PendingEntry entry, String error, Instant now) {
        entry.lastError = error;
        entry.member = null;
        if (entry.deliveries >= options.maxDeliver()) {
            die(entry, DeathReason.MAX_DELIVERIES);
        } else {
            entry.state = PendingEntry.State.WAITING;
            entry.due = now.plus(options.redeliveryDelay(entry.deliveries));
            pending.touch();
        }
    }

    /** The entry leaves the books only once its dead letter is on disk; if that fails it is retried. */
    private void die(PendingEntry entry, DeathReason reason) {
        entry.state = PendingEntry.State.DYING;
        entry.member = null;
        deadLetterer.kill(entry.message, reason, name, entry.deliveries, entry.lastError).whenComplete((letter, error) -> {
            lock.lock();
            try {
                if (error == null) {
                    settle(entry);
                } else {
                    LOG.error("durable {}: could not dead-letter message {}; will retry", name, entry.message.id(), error);
                    entry.state = PendingEntry.State.WAITING;
                    entry.due = clock.instant().plus(options.ackWait());
                }
            } finally {
                lock.unlock();
            }
            wake.run();
        });
    }

    /** Settles the waiting entries whose message {@code removed} says retention took from the log. */
    int forgetRemoved(RetentionPolicy.Removed removed) {
        return locked(() -> {
            List<PendingEntry> gone = pending.waiting().stream()
                    .filter(entry -> removed.test(entry.offset, entry.message.topic(), entry.receivedAt)).toList();
            gone.forEach(this::settle);
            return gone.size();
        });
    }

    private void settle(PendingEntry entry) {
        pending.remove(entry);
        source.settled(entry.offset);
    }

    // ---- what the source reads, each read under the lock

    @Override
    public long version() {
        return locked(pending::version);
    }

    @Override
    public ConsumerState state(long cursor) {
        return locked(() -> new ConsumerState(name, options.filter(), options.group(), pending.ackFloor(cursor),
                cursor, pending.toDeliveries()));
    }

    @Override
    public List<Long> held() {
        return locked(pending::offsets);
    }

    /** Runs {@code action} under the lock: a read, or the intake booking a batch in one go. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
