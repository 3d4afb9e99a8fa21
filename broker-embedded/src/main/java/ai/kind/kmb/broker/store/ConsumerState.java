package ai.kind.kmb.broker.store;

import java.util.List;

/**
 * A durable consumer's position: every offset up to {@code ackFloor} is settled, {@code cursor} is
 * the last offset handed out, and {@code pending} lists the deliveries above the floor that are not
 * yet settled (acknowledged ones above the floor are simply absent).
 */
public record ConsumerState(String name, String filter, String group, long ackFloor, long cursor,
                            List<PendingDelivery> pending) {
    public ConsumerState {
        pending = List.copyOf(pending);
    }
}
