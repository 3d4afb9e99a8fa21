package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named, durable subscription: the messages its {@link DurableSource} hands it (past its cursor
 * on one node, claimed from the durable's group on a shared bus) plus the deliveries not yet
 * settled. One virtual thread takes messages, delivers to the members round robin, redelivers on
 * nack or ack time-out with backoff, and dead-letters after {@code maxDeliver}. Acks arrive on the
 * members' threads and only touch the bookkeeping under the lock; the store is never read under it.
 */
public final class DurableConsumer implements RouteTarget {
    private static final Logger LOG = LoggerFactory.getLogger(DurableConsumer.class);
    private static final int READ_BATCH = 256;
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER_STORE_ERROR = Duration.ofMillis(200);

    private final String name;
    private final TopicFilter filter;
    private final SubscribeOptions options;
    private final DurableSource source;
    private final DeadLetterer deadLetterer;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final PendingBook pending = new PendingBook();
    private final List<DurableMember> members = new ArrayList<>();
    private final DurableSource.Books books = new Books();
    private final Thread loop;
    private volatile Consumer<DurableConsumer> whenIdle = idle -> { };
    private int nextMember;
    private volatile boolean running = true;

    DurableConsumer(String name, SubscribeOptions options, DurableSource source, DeadLetterer deadLetterer,
                    Clock clock) {
        this.name = name;
        this.filter = options.topicFilter();
        this.options = options;
        this.source = source;
        this.deadLetterer = deadLetterer;
        this.clock = clock;
        this.loop = Thread.ofVirtual().name("kmb-durable-" + name).unstarted(this::run);
    }

    void restore(long offset, Envelope message, int deliveries, Instant firstDelivered, String lastError) {
        pending.add(new PendingEntry(offset, message, firstDelivered, deliveries, lastError));
    }

    void start() {
        loop.start();
    }

    /** Called, off the consumer's lock, each time its last member leaves. */
    void whenIdle(Consumer<DurableConsumer> action) {
        this.whenIdle = action;
    }

    boolean isLoopThread() {
        return Thread.currentThread() == loop;
    }

    public String name() {
        return name;
    }

    public SubscribeOptions options() {
        return options;
    }

    /** Adds a subscriber. Without a group a durable takes one subscriber at a time. */
    public Subscription attach(String subscriptionId, SubscribeOptions requested, MessageHandler handler) {
        DurableMember member = new DurableMember(subscriptionId, requested, handler, this);
        lock.lock();
        try {
            if (!running) {
                throw new KmbException(ErrorCode.UNAVAILABLE, "durable '" + name
                        + "' was released by this node as its last subscriber left; subscribe again");
            }
            if (!members.isEmpty() && (options.group() == null || !options.group().equals(requested.group()))) {
                throw new KmbException(ErrorCode.BAD_REQUEST, "durable '" + name
                        + "' already has a subscriber; subscribe with the same group to share it");
            }
            members.add(member);
        } finally {
            lock.unlock();
        }
        member.start();
        wake();
        return member;
    }

    public boolean hasMembers() {
        return locked(() -> !members.isEmpty());
    }

    /** A moment's view of the consumer for people; reads its books under the lock and never the store. */
    public ConsumerActivity activity() {
        lock.lock();
        try {
            // The loop moves the cursor just before it books the batch it read, so the floor may
            // briefly run ahead of a batch on its way in.
            OptionalLong cursor = source.position();
            OptionalLong floor = cursor.isPresent() ? OptionalLong.of(pending.ackFloor(cursor.getAsLong()))
                    : OptionalLong.empty();
            int inFlight = pending.inFlight();
            return new ConsumerActivity(members.size(), inFlight, pending.size() - inFlight, cursor, floor);
        } finally {
            lock.unlock();
        }
    }

    /** A durable consumer reads the log itself; a new durable message only means "look again". */
    @Override
    public void offer(Envelope message, long offset) {
        if (offset != PublishAck.NOT_STORED) {
            wake();
        }
    }

    void ack(String messageId) {
        withEntry(messageId, entry -> {
            if (entry.state != PendingEntry.State.DYING) {
                settle(entry);
            }
        });
        wake();
    }

    void fail(String messageId, String error) {
        withEntry(messageId, entry -> {
            if (entry.state == PendingEntry.State.IN_FLIGHT) {
                failed(entry, error, clock.instant());
            }
        });
        wake();
    }

    void reject(String messageId) {
        deadLetter(messageId, DeathReason.REJECTED, "rejected by the subscriber");
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

    /** A member left: what it held goes back for redelivery to the others (or the next one). */
    void detach(DurableMember member) {
        boolean idle;
        lock.lock();
        try {
            members.remove(member);
            pending.releaseHeldBy(member, clock.instant());
            idle = members.isEmpty() && running; // not when close() itself is letting the members go
        } finally {
            lock.unlock();
        }
        wake();
        if (idle) {
            whenIdle.accept(this);
        }
    }

    private void run() {
        while (running) {
            boolean moreToRead = false;
            try {
                Instant now = clock.instant();
                int room = settleDue(now);
                if (room > 0) {
                    room -= adopt(source.abandoned(room), now);
                }
                if (room > 0) {
                    moreToRead = takeAndDeliver(room, now);
                }
                source.afterRound(books);
            } catch (RuntimeException e) {
                LOG.error("durable {}: delivery round failed; retrying", name, e);
                LockSupport.parkNanos(RETRY_AFTER_STORE_ERROR.toNanos());
            }
            if (!moreToRead && running) {
                LockSupport.parkNanos(untilNextDue().toNanos());
            }
        }
    }

    /** Redelivers what is due and times out what waited too long; returns the room for new messages. */
    private int settleDue(Instant now) {
        lock.lock();
        try {
            for (PendingEntry entry : pending.due(now)) {
                if (entry.state == PendingEntry.State.IN_FLIGHT) {
                    failed(entry, "not acknowledged within ack_wait " + options.ackWait(), now);
                }
                if (entry.state == PendingEntry.State.WAITING && !entry.due.isAfter(now) && !members.isEmpty()) {
                    deliver(entry, now);
                }
            }
            return members.isEmpty() ? 0 : options.maxInflight() - pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes new messages without the lock; returns true when there may be more right now. */
    private boolean takeAndDeliver(int room, Instant now) {
        int asked = Math.min(room, READ_BATCH);
        List<StoredMessage> batch = source.next(asked);
        lock.lock();
        try {
            for (StoredMessage stored : batch) {
                pending.touch();
                if (!filter.matches(stored.envelope().topic())) {
                    source.settled(stored.offset());
                    continue;
                }
                PendingEntry entry = new PendingEntry(stored.offset(), stored.envelope(), now, 0, null);
                pending.add(entry);
                if (expired(stored, now)) {
                    entry.lastError = "ttl_ms " + stored.envelope().metadata().ttlMs() + " ran out before delivery";
                    die(entry, DeathReason.EXPIRED);
                } else if (!members.isEmpty()) {
                    deliver(entry, now);
                }
            }
        } finally {
            lock.unlock();
        }
        return batch.size() == asked;
    }

    /**
     * Takes over what another node claimed and stopped renewing, counting the deliveries it made;
     * returns how many joined the books.
     */
    private int adopt(List<ConsumerClaims.Abandoned> abandoned, Instant now) {
        int adopted = 0;
        lock.lock();
        try {
            for (ConsumerClaims.Abandoned taken : abandoned) {
                StoredMessage stored = taken.message();
                if (pending.holds(stored.offset())) {
                    continue; // this node's own claim, which it failed to renew in time: still on the books
                }
                if (!filter.matches(stored.envelope().topic())) {
                    source.settled(stored.offset());
                    continue;
                }
                PendingEntry entry = new PendingEntry(stored.offset(), stored.envelope(), now, taken.earlierClaims(),
                        "taken over from a node that stopped renewing its claim");
                pending.add(entry);
                adopted++;
                if (entry.deliveries >= options.maxDeliver()) {
                    die(entry, DeathReason.MAX_DELIVERIES);
                } else if (!members.isEmpty()) {
                    deliver(entry, now);
                }
            }
        } finally {
            lock.unlock();
        }
        return adopted;
    }

    private static boolean expired(StoredMessage stored, Instant now) {
        Long ttl = stored.envelope().metadata().ttlMs();
        return ttl != null && stored.receivedAt().plusMillis(ttl).isBefore(now);
    }

    private void deliver(PendingEntry entry, Instant now) {
        DurableMember member = members.get(Math.floorMod(nextMember++, members.size()));
        entry.deliveries++;
        entry.state = PendingEntry.State.IN_FLIGHT;
        entry.due = now.plus(options.ackWait());
        entry.member = member;
        pending.touch();
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
            wake();
        });
    }

    /** Called under the lock. */
    private void settle(PendingEntry entry) {
        pending.remove(entry);
        source.settled(entry.offset);
    }

    private Duration untilNextDue() {
        Instant next = locked(pending::nextDue);
        Duration wait = next == null ? IDLE_RECHECK : Duration.between(clock.instant(), next);
        return wait.isNegative() ? Duration.ofMillis(1) : wait.compareTo(IDLE_RECHECK) > 0 ? IDLE_RECHECK : wait;
    }

    /** The consumer's bookkeeping as its source reads it, each read under the lock. */
    private final class Books implements DurableSource.Books {
        @Override
        public long version() {
            return locked(pending::version);
        }

        @Override
        public ConsumerState state(long cursor) {
            return locked(() -> new ConsumerState(name, filter.text(), options.group(), pending.ackFloor(cursor),
                    cursor, pending.toDeliveries()));
        }

        @Override
        public List<Long> held() {
            return locked(pending::offsets);
        }
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        LockSupport.unpark(loop);
    }

    /** Stops delivering and saves the position; members are closed with it. */
    public void close() {
        List<DurableMember> leaving;
        lock.lock();
        try {
            leaving = List.copyOf(members);
            running = false;
        } finally {
            lock.unlock();
        }
        leaving.forEach(DurableMember::close);
        wake();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close(books);
    }
}
