package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.broker.store.PendingDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A durable consumer's unsettled messages, by offset and by id, with a version that moves on every
 * change so the consumer knows when its saved state is stale. Not thread-safe: the lock of the
 * consumer's {@link DeliveryBooks} guards it.
 */
final class PendingBook {
    private final TreeMap<Long, PendingEntry> byOffset = new TreeMap<>();
    private final Map<String, PendingEntry> byId = new HashMap<>();
    private long version;

    void add(PendingEntry entry) {
        byOffset.put(entry.offset, entry);
        byId.put(entry.message.id(), entry);
        version++;
    }

    void remove(PendingEntry entry) {
        byOffset.remove(entry.offset);
        byId.remove(entry.message.id(), entry);
        version++;
    }

    PendingEntry byId(String messageId) {
        return byId.get(messageId);
    }

    boolean holds(long offset) {
        return byOffset.containsKey(offset);
    }

    List<Long> offsets() {
        return new ArrayList<>(byOffset.keySet());
    }

    int size() {
        return byOffset.size();
    }

    /** How many deliveries each member holds awaiting its ack. */
    Map<DurableMember, Integer> inFlightByMember() {
        Map<DurableMember, Integer> held = new HashMap<>();
        for (PendingEntry entry : byOffset.values()) {
            if (entry.state == PendingEntry.State.IN_FLIGHT) {
                held.merge(entry.member, 1, Integer::sum);
            }
        }
        return held;
    }

    void touch() {
        version++;
    }

    long version() {
        return version;
    }

    /** Entries whose time has come, in offset order so that redeliveries keep publish order. */
    List<PendingEntry> due(Instant now) {
        List<PendingEntry> due = new ArrayList<>();
        for (PendingEntry entry : byOffset.values()) {
            if (entry.state != PendingEntry.State.DYING && !entry.due.isAfter(now)) {
                due.add(entry);
            }
        }
        return due;
    }

    /** The entries waiting to be delivered again, whenever they are due. */
    List<PendingEntry> waiting() {
        return byOffset.values().stream().filter(entry -> entry.state == PendingEntry.State.WAITING).toList();
    }

    Instant nextDue() {
        Instant next = null;
        for (PendingEntry entry : byOffset.values()) {
            if (entry.state != PendingEntry.State.DYING && (next == null || entry.due.isBefore(next))) {
                next = entry.due;
            }
        }
        return next;
    }

    /** Hands back what a departed member held, due at once, without counting it as a failure. */
    void releaseHeldBy(DurableMember member, Instant now) {
        for (PendingEntry entry : byOffset.values()) {
            if (entry.member == member && entry.state == PendingEntry.State.IN_FLIGHT) {
                entry.state = PendingEntry.State.WAITING;
                entry.member = null;
                entry.due = now;
                version++;
            }
        }
    }

    /** Every offset up to the floor is settled: just below the oldest pending, or the cursor. */
    long ackFloor(long cursor) {
        return byOffset.isEmpty() ? cursor : byOffset.firstKey() - 1;
    }

    List<PendingDelivery> toDeliveries() {
        List<PendingDelivery> deliveries = new ArrayList<>(byOffset.size());
        for (PendingEntry entry : byOffset.values()) {
            deliveries.add(new PendingDelivery(entry.offset, entry.message.id(), entry.deliveries, entry.firstDelivered,
                    entry.lastError));
        }
        return deliveries;
    }
}
