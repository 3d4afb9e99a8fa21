package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Entries with deadlines by System.nanoTime, as a server's clock would keep them. */
final class MemoryBoard implements ResponderBoard {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    record Listed(Listing listing, DurablesReport report, long until) {
    }

    final Map<String, Listed> entries = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger announcements = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();

    /** Another node's listing, reporting no durables. */
    void list(String nodeId, Listing listing, Duration ttl, boolean announce) {
        put(nodeId, listing, new DurablesReport(nodeId, NOW, Map.of()), ttl, announce);
    }

    @Override
    public void put(String nodeId, Listing listing, DurablesReport report, Duration ttl, boolean announce) {
        failIfDown();
        entries.put(nodeId, new Listed(listing, report, System.nanoTime() + ttl.toNanos()));
        writes.incrementAndGet();
        if (announce) {
            announcements.incrementAndGet();
        }
    }

    @Override
    public List<DurablesReport> reports() {
        failIfDown();
        long now = System.nanoTime();
        return entries.values().stream().filter(listed -> listed.until() - now > 0).map(Listed::report).toList();
    }

    @Override
    public List<Entry> read() {
        failIfDown();
        reads.incrementAndGet();
        long now = System.nanoTime();
        List<Entry> live = new ArrayList<>();
        entries.forEach((node, listed) -> {
            if (listed.until() - now > 0) {
                live.add(new Entry(node, listed.listing(), Duration.ofNanos(listed.until() - now)));
            }
        });
        return live;
    }

    @Override
    public void remove(String nodeId) {
        entries.remove(nodeId);
    }

    private void failIfDown() {
        if (down.get()) {
            throw new IllegalStateException("the board is unreachable");
        }
    }
}
