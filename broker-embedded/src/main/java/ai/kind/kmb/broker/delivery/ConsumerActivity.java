package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.durable.DurableSubscriber;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a running durable consumer holds at one moment, read under its lock: its members on this
 * node with what each holds, and its unsettled messages, {@code inFlight} with a member awaiting an
 * ack and {@code waiting} the rest (due for redelivery, waiting for a member, or being
 * dead-lettered). {@code cursor} and {@code ackFloor} are present where the consumer keeps its own
 * position (a broker alone on its store), empty on a shared bus, where the group's position is the
 * store's. {@code lastDelivered} and {@code lastAcked} are null until the first since it started.
 */
public record ConsumerActivity(List<DurableSubscriber> members, int inFlight, int waiting, OptionalLong cursor,
                               OptionalLong ackFloor, Instant lastDelivered, Instant lastAcked) {

    public int unsettled() {
        return inFlight + waiting;
    }
}
