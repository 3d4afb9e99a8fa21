package ai.kind.kmb.broker.delivery;

import java.util.OptionalLong;

/**
 * What a running durable consumer holds at one moment, read under its lock: its members on this
 * node and its unsettled messages, {@code inFlight} with a member awaiting an ack and
 * {@code waiting} the rest (due for redelivery, waiting for a member, or being dead-lettered).
 * {@code cursor} and {@code ackFloor} are present where the consumer keeps its own position (a
 * broker alone on its store), empty on a shared bus, where the group's position is the store's.
 */
public record ConsumerActivity(int members, int inFlight, int waiting, OptionalLong cursor, OptionalLong ackFloor) {

    public int unsettled() {
        return inFlight + waiting;
    }
}
