package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ephemeral queue group: each message goes to one member, round robin, skipping members whose
 * buffer is full. Only when every member is full is the message dropped (and counted once).
 */
public final class LiveGroup implements RouteTarget {
    private final List<LiveSubscription> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public void add(LiveSubscription member) {
        members.add(member);
    }

    /** Removes a member; true when the group is then empty and can be dropped from routing. */
    public boolean remove(LiveSubscription member) {
        members.remove(member);
        return members.isEmpty();
    }

    @Override
    public void offer(Envelope message, long offset) {
        LiveSubscription[] snapshot = members.toArray(LiveSubscription[]::new);
        int size = snapshot.length;
        if (size == 0) {
            return;
        }
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            LiveSubscription member = snapshot[(start + i) % size];
            if (member.tryOffer(message, offset)) {
                return;
            }
        }
        snapshot[start].countDrop();
    }
}
