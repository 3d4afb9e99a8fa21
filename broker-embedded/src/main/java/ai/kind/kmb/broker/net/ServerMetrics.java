package ai.kind.kmb.broker.net;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The network server's counters, rendered by {@code GET /metrics}. Thread-safe. */
public final class ServerMetrics {
    final LongAdder connectionsAccepted = new LongAdder();
    final AtomicInteger connectionsOpen = new AtomicInteger();
    final AtomicInteger sessionsOpen = new AtomicInteger();
    final AtomicInteger subscriptionsOpen = new AtomicInteger();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder badFrames = new LongAdder();
    final LongAdder delivered = new LongAdder();
    /** Drops of subscriptions already closed; open ones are summed at scrape time. */
    final LongAdder droppedByClosedSubscriptions = new LongAdder();
    final LongAdder slowConsumerCloses = new LongAdder();
    final LongAdder httpRequests = new LongAdder();
    private final AtomicInteger publishesInFlight = new AtomicInteger();

    void publishStarted() {
        publishesInFlight.incrementAndGet();
    }

    void publishFinished() {
        publishesInFlight.decrementAndGet();
    }

    int publishesInFlight() {
        return publishesInFlight.get();
    }

}
