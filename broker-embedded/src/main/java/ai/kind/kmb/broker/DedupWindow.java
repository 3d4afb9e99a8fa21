package ai.kind.kmb.broker;

import ai.kind.kmb.PublishAck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Remembers client-chosen message ids for a window of time, so a publish retried with the same id
 * is acknowledged again instead of stored twice. Two publishes of one id racing each other share
 * the first one's outcome. Bounded in both time and count.
 */
final class DedupWindow {
    private record Seen(String id, Instant at) {
    }

    private final Map<String, CompletableFuture<PublishAck>> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> order = new ConcurrentLinkedQueue<>();
    private final Duration window;
    private final int maxIds;
    private final Clock clock;

    DedupWindow(Duration window, int maxIds, Clock clock) {
        this.window = window;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    /**
     * Claims an id for a publish about to happen. Returns null when the caller should go ahead and
     * complete {@code outcome}; otherwise the earlier publish's outcome, to answer with.
     */
    CompletableFuture<PublishAck> claim(String id, CompletableFuture<PublishAck> outcome) {
        CompletableFuture<PublishAck> earlier = outcomes.putIfAbsent(id, outcome);
        if (earlier == null) {
            order.add(new Seen(id, clock.instant()));
            evict();
        }
        return earlier;
    }

    /** Forgets an id whose publish failed, so that a retry is not taken for a duplicate. */
    void release(String id, CompletableFuture<PublishAck> outcome) {
        outcomes.remove(id, outcome);
    }

    /** Remembers a message already stored (warming the window from the log after a restart). */
    void remember(String id, Instant at, PublishAck ack) {
        if (outcomes.putIfAbsent(id, CompletableFuture.completedFuture(ack)) == null) {
            order.add(new Seen(id, at));
        }
    }

    void evict() {
        Instant horizon = clock.instant().minus(window);
        Seen oldest;
        while ((oldest = order.peek()) != null && (oldest.at().isBefore(horizon) || outcomes.size() > maxIds)) {
            Seen evicted = order.poll();
            if (evicted != null) {
                outcomes.remove(evicted.id());
            }
        }
    }

    int size() {
        return outcomes.size();
    }
}
