package ai.kind.kmb.outbox;

import ai.kind.kmb.Bus;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Hands the outbox's messages to the bus one at a time, oldest first: the next goes only once the
 * one before is acknowledged, which is what keeps them in order across lost connections. A message
 * the broker cannot take right now (unreachable, rate limited) is tried again; one it refuses for
 * good is reported and leaves the outbox.
 */
final class OutboxRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final long WAIT_MILLIS = 500;
    private static final long RETRY_PAUSE_MILLIS = 200;

    /** Told of each message done with: acknowledged, or refused with the failure. */
    interface Settled {
        void settled(OutboxEntry entry, PublishAck ack, KmbException failure);
    }

    private final Outbox outbox;
    private final Bus bus;
    private final Settled settled;
    private final Consumer<KmbException> refused;
    private final Thread thread;
    private final ReentrantLock marking = new ReentrantLock();
    private volatile boolean closed;

    OutboxRelay(Outbox outbox, Bus bus, Settled settled, Consumer<KmbException> refused) {
        this.outbox = outbox;
        this.bus = bus;
        this.settled = settled;
        this.refused = refused;
        this.thread = Thread.ofVirtual().name("kmb-outbox-relay").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                OutboxEntry entry = outbox.head(WAIT_MILLIS);
                if (entry != null) {
                    deliver(entry);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(OutboxEntry entry) throws InterruptedException {
        while (!closed) {
            try {
                PublishAck ack = bus.publish(entry.message(), new PublishOptions(entry.durable())).get();
                markDelivered(entry);
                settled.settled(entry, ack, null);
                return;
            } catch (ExecutionException | CompletionException e) {
                KmbException failure = e.getCause() instanceof KmbException kmb ? kmb
                        : new KmbException(ErrorCode.UNAVAILABLE, "publish failed: " + e.getCause(), List.of(), e.getCause());
                if (!retriable(failure.code())) {
                    refuse(entry, failure);
                    return;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    /**
     * The broker has the message whatever happens here: a mark that cannot be written only means
     * it may be sent again after a restart, which the dedup window absorbs, so the relay goes on.
     */
    private void markDelivered(OutboxEntry entry) {
        // An interrupt arriving during a FileChannel write closes the channel, and with it the
        // outbox for every caller, so close() waits for the mark before it interrupts.
        marking.lock();
        try {
            outbox.delivered(entry);
        } catch (KmbException e) {
            LOG.log(System.Logger.Level.WARNING, "KMB outbox: could not mark message " + entry.message().id()
                    + " delivered; it may be sent again after a restart", e);
        } finally {
            marking.unlock();
        }
    }

    private void refuse(OutboxEntry entry, KmbException failure) {
        if (closed) {
            return;
        }
        markDelivered(entry);
        settled.settled(entry, null, failure);
        if (refused != null) {
            refused.accept(failure);
        }
    }

    /** Codes that say "not now" rather than "never": the message waits for the next try. */
    private static boolean retriable(ErrorCode code) {
        return code == ErrorCode.UNAVAILABLE || code == ErrorCode.RATE_LIMITED || code == ErrorCode.INTERNAL;
    }

    @Override
    public void close() {
        closed = true;
        marking.lock();
        try {
            thread.interrupt();
        } finally {
            marking.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
