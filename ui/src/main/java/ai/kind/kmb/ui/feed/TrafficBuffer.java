package ai.kind.kmb.ui.feed;

import ai.kind.kmb.Envelope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded per-topic buffers between the bus threads (which {@link #offer}) and the one FX-side
 * drain (which {@link #drain}s). Offering never blocks for long and never waits for the FX thread:
 * a full lane gives up its oldest message, so the newest traffic is what reaches the screen, and
 * every message given up is counted. Draining takes from every topic in turn, so a flood on one
 * topic cannot starve a quiet one.
 */
final class TrafficBuffer {
    private final FeedLimits limits;
    private final Clock clock;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicInteger peakBuffered = new AtomicInteger();
    private final UnlistedTopics unlisted = new UnlistedTopics();

    TrafficBuffer(FeedLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Called on bus threads, possibly several at once. */
    void offer(Envelope message, long offset) {
        received.incrementAndGet();
        Lane lane = lane(message.topic());
        if (lane == null) {
            evicted.incrementAndGet();
            return;
        }
        Instant now = clock.instant();
        synchronized (lane) {
            if (lane.retired) {
                // A reset took this lane away while we were on our way in: count, don't keep.
                evicted.incrementAndGet();
                return;
            }
            lane.received++;
            lane.lastAt = now;
            lane.last = message;
            lane.dirty = true;
            if (lane.pending.size() >= limits.laneCapacity() || !reserveSlot()) {
                if (lane.pending.isEmpty()) {
                    // Every slot is held by other topics: this message is the one that goes.
                    evicted.incrementAndGet();
                    return;
                }
                // The lane's oldest message makes room; its slot passes to the new one.
                lane.pending.pollFirst();
                evicted.incrementAndGet();
            }
            lane.pending.addLast(new Arrival(sequence.incrementAndGet(), now, offset, message));
        }
    }

    /** Takes at most {@code max} arrivals, fairly over topics, in delivery order. Called on the FX thread. */
    Drained drain(int max) {
        List<Arrival> batch = new ArrayList<>(Math.min(max, buffered.get()));
        List<TopicActivity> activity = new ArrayList<>();
        List<Lane> ready = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.dirty) {
                    activity.add(new TopicActivity(lane.topic, lane.received, lane.lastAt, lane.last));
                    lane.dirty = false;
                }
                if (!lane.pending.isEmpty()) {
                    ready.add(lane);
                }
            }
        }
        int budget = max;
        while (budget > 0 && !ready.isEmpty()) {
            int share = Math.max(1, budget / ready.size());
            for (int i = ready.size() - 1; i >= 0 && budget > 0; i--) {
                Lane lane = ready.get(i);
                synchronized (lane) {
                    int take = Math.min(Math.min(share, budget), lane.pending.size());
                    for (int n = 0; n < take; n++) {
                        batch.add(lane.pending.pollFirst());
                    }
                    budget -= take;
                    if (lane.pending.isEmpty()) {
                        ready.remove(i);
                    }
                }
            }
        }
        buffered.addAndGet(-batch.size());
        taken.addAndGet(batch.size());
        batch.sort(Comparator.comparingLong(Arrival::sequence));
        return batch.isEmpty() && activity.isEmpty() ? Drained.EMPTY : new Drained(batch, activity);
    }

    /** Forgets every topic and throws away what waits, counting it: for a switch of connection. */
    void reset() {
        for (String topic : List.copyOf(lanes.keySet())) {
            Lane lane = lanes.remove(topic);
            if (lane == null) {
                continue;
            }
            synchronized (lane) {
                lane.retired = true;
                int dropped = lane.pending.size();
                lane.pending.clear();
                buffered.addAndGet(-dropped);
                evicted.addAndGet(dropped);
            }
        }
        unlisted.clear();
    }

    FeedCounters counters(long lostOnBus) {
        return new FeedCounters(received.get(), taken.get(), evicted.get(), lostOnBus, buffered.get(),
                peakBuffered.get(), unlisted.size());
    }

    private Lane lane(String topic) {
        Lane lane = lanes.get(topic);
        if (lane != null) {
            return lane;
        }
        if (lanes.size() >= limits.maxLanes()) {
            unlisted.add(topic, limits.maxLanes());
            return null;
        }
        return lanes.computeIfAbsent(topic, Lane::new);
    }

    /** Claims one of the {@code maxBuffered} places, or says there is none left. */
    private boolean reserveSlot() {
        int now = buffered.incrementAndGet();
        if (now > limits.maxBuffered()) {
            buffered.decrementAndGet();
            return false;
        }
        peakBuffered.accumulateAndGet(now, Math::max);
        return true;
    }

    private static final class Lane {
        private final String topic;
        private final ArrayDeque<Arrival> pending = new ArrayDeque<>();
        private long received;
        private Instant lastAt;
        private Envelope last;
        private boolean dirty;
        private boolean retired;

        Lane(String topic) {
            this.topic = topic;
        }
    }

    /** Names of topics past the lane limit, itself bounded: only their number is shown. */
    private static final class UnlistedTopics {
        private final java.util.Set<String> names = ConcurrentHashMap.newKeySet();

        void add(String topic, int bound) {
            if (names.size() < bound) {
                names.add(topic);
            }
        }

        int size() {
            return names.size();
        }

        void clear() {
            names.clear();
        }
    }
}
