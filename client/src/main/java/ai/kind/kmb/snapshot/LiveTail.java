package ai.kind.kmb.snapshot;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Live messages of an agent's filters, subscribed before the replay starts so that nothing falls in
 * the gap between the end of the replay and the start of the subscription. They wait in a queue
 * during the replay; afterwards one thread hands them on, skipping what the replay already gave and
 * what two filters both delivered.
 */
final class LiveTail implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveTail.class.getName());
    private static final int REMEMBERED = 10_000;

    private final List<Subscription> subscriptions = new ArrayList<>();
    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private final SequencedSet<Long> seen = new LinkedHashSet<>();
    private volatile Thread thread;
    private volatile boolean closed;

    LiveTail(Bus bus, List<String> filters) {
        try {
            filters.forEach(filter -> subscriptions.add(bus.subscribe(SubscribeOptions.ephemeral(filter), queue::add)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts handing messages on to {@code handler}: those stored after {@code replayedThrough}, and unstored ones. */
    void start(long replayedThrough, AgentHandler handler) {
        thread = Thread.ofVirtual().name("kmb-agent-live").start(() -> run(replayedThrough, handler));
    }

    private void run(long replayedThrough, AgentHandler handler) {
        try {
            while (!closed) {
                Delivery delivery = queue.take();
                long offset = delivery.offset();
                boolean stored = offset != PublishAck.NOT_STORED;
                if (stored && (offset <= replayedThrough || !remember(offset))) {
                    continue;
                }
                try {
                    handler.onMessage(offset, delivery.message());
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "KMB agent: the handler failed on a live message at offset "
                            + offset + "; carrying on with the next", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean remember(long offset) {
        if (!seen.add(offset)) {
            return false;
        }
        if (seen.size() > REMEMBERED) {
            seen.removeFirst();
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::close);
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
