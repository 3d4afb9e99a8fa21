package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.broker.store.SharedConsumers;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a node of a shared bus serves durable consumers together with the other nodes.
 *
 * @param groups    the shared store's durable groups
 * @param node      this node's id, its name in every group
 * @param lease     how long a claim lasts unrenewed before another node may take the message over
 * @param onRelease sees a consumer this node stops serving as its last local member leaves, to stop
 *                  routing to it
 * @param membersChanged runs, without blocking, each time a member of any durable attaches to this node
 *                  or leaves it, so that the other nodes are told
 */
public record NodeSharing(SharedConsumers groups, String node, Duration lease, Consumer<DurableConsumer> onRelease,
                          Runnable membersChanged) {
    public NodeSharing {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(onRelease, "onRelease");
        Objects.requireNonNull(membersChanged, "membersChanged");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the claim lease must be positive, got " + lease);
        }
    }
}
