package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An ephemeral queue group's members on this node: each message goes to one member, round robin,
 * skipping members whose buffer is full. Only when every member is full is the message dropped (and
 * counted once). On a shared bus the group may have members on other nodes too, and only the node
 * that {@code deliversHere} names delivers a message; the others skip it.
 */
public final class LiveGroup implements RouteTarget {
    private final List<LiveSubscription> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Predicate<String> deliversHere;

    /** {@code deliversHere} tells, by message id, whether this node delivers the message to the group. */
    public LiveGroup(Predicate<String> deliversHere) {
        this.deliversHere = deliversHere;
    }

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
        if (size == 0 || !deliversHere.test(message.id())) {
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
