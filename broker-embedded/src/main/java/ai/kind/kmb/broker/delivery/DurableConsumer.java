package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named, durable subscription: the messages its {@link DurableSource} hands it (past its cursor
 * on one node, claimed from the durable's group on a shared bus) plus the deliveries not yet
 * settled. One virtual thread runs the rounds: it redelivers on nack or ack time-out with backoff
 * and dead-letters after {@code maxDeliver} ({@link DeliveryBooks}), then takes messages in
 * ({@link ConsumerIntake}) and delivers them to the members round robin. Acks arrive on the members'
 * threads and only touch the books under their lock; the store is never read under it.
 */
public final class DurableConsumer implements RouteTarget {
    private static final Logger LOG = LoggerFactory.getLogger(DurableConsumer.class);
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER_STORE_ERROR = Duration.ofMillis(200);

    private final String name;
    private final SubscribeOptions options;
    private final DurableSource source;
    private final Clock clock;
    private final Thread loop;
    private final DeliveryBooks books;
    private final ConsumerIntake intake;
    private volatile Consumer<DurableConsumer> whenIdle = idle -> { };
    private volatile Runnable whenMembersChange = () -> { };

    DurableConsumer(String name, SubscribeOptions options, DurableSource source, DeadLetterer deadLetterer,
                    Clock clock) {
        this.name = name;
        this.options = options;
        this.source = source;
        this.clock = clock;
        this.loop = Thread.ofVirtual().name("kmb-durable-" + name).unstarted(this::run);
        this.books = new DeliveryBooks(name, options, source, deadLetterer, clock, this::wake);
        this.intake = new ConsumerIntake(source, options, books);
    }

    void restore(StoredMessage stored, int deliveries, Instant firstDelivered, String lastError) {
        books.restore(new PendingEntry(stored.offset(), stored.envelope(), stored.receivedAt(), firstDelivered,
                deliveries, lastError));
    }

    /**
     * Forgets the messages waiting for redelivery that a retention pass removed from the log, so
     * they are not delivered again from memory; returns how many.
     */
    int forgetRemoved(RetentionPolicy.Removed removed) {
        return books.forgetRemoved(removed);
    }

    void start() {
        loop.start();
    }

    /** Called, off the consumer's lock, each time its last member leaves. */
    void whenIdle(Consumer<DurableConsumer> action) {
        this.whenIdle = action;
    }

    /** Called, off the consumer's lock, each time a member attaches or leaves. */
    void whenMembersChange(Runnable action) {
        this.whenMembersChange = action;
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

    /** Adds a subscriber, {@code origin} saying who it is. Without a group a durable takes one subscriber at a time. */
    public Subscription attach(String subscriptionId, SubscribeOptions requested, MessageHandler handler,
                               SubscriberOrigin origin) {
        DurableMember member = new DurableMember(subscriptionId, requested, handler, this, origin, clock.instant());
        books.join(member, requested.group());
        member.start();
        wake();
        whenMembersChange.run();
        return member;
    }

    /** A moment's view of the consumer for people; reads its books under the lock and never the store. */
    public ConsumerActivity activity() {
        return books.activity();
    }

    /** A durable consumer reads the log itself; a new durable message only means "look again". */
    @Override
    public void offer(Envelope message, long offset) {
        if (offset != PublishAck.NOT_STORED) {
            wake();
        }
    }

    void ack(String messageId) {
        books.ack(messageId);
        wake();
    }

    void fail(String messageId, String error) {
        books.fail(messageId, error);
        wake();
    }

    void reject(String messageId) {
        deadLetter(messageId, DeathReason.REJECTED, "rejected by the subscriber");
    }

    /** Dead-letters a delivery at once, whatever its delivery count. */
    void deadLetter(String messageId, DeathReason reason, String error) {
        books.deadLetter(messageId, reason, error);
    }

    /** A member left: what it held goes back for redelivery to the others (or the next one). */
    void detach(DurableMember member) {
        boolean idle = books.leave(member);
        wake();
        whenMembersChange.run();
        if (idle) {
            whenIdle.accept(this);
        }
    }

    private void run() {
        while (books.open()) {
            boolean moreToRead = false;
            try {
                Instant now = clock.instant();
                int room = books.settleDue(now);
                if (room > 0) {
                    room -= intake.adoptAbandoned(room, now);
                }
                if (room > 0) {
                    moreToRead = intake.takeNew(room, now);
                }
                source.afterRound(books);
            } catch (RuntimeException e) {
                LOG.error("durable {}: delivery round failed; retrying", name, e);
                LockSupport.parkNanos(RETRY_AFTER_STORE_ERROR.toNanos());
            }
            if (!moreToRead && books.open()) {
                LockSupport.parkNanos(untilNextDue().toNanos());
            }
        }
    }

    private Duration untilNextDue() {
        Instant next = books.nextDue();
        Duration wait = next == null ? IDLE_RECHECK : Duration.between(clock.instant(), next);
        return wait.isNegative() ? Duration.ofMillis(1) : wait.compareTo(IDLE_RECHECK) > 0 ? IDLE_RECHECK : wait;
    }

    private void wake() {
        LockSupport.unpark(loop);
    }

    /** Stops delivering and saves the position; members are closed with it. */
    public void close() {
        List<DurableMember> leaving = books.close();
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
