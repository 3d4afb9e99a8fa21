package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.dlq.DeathReason;
import java.util.Objects;

/**
 * Thrown from a durable subscription's handler to send the delivery to the dead-letter queue at
 * once with {@code reason}, without the redeliveries an ordinary failure gets: for failures that a
 * retry would only repeat, such as a broken delivery interceptor.
 */
public final class DeadLetterNow extends RuntimeException {
    private final DeathReason reason;

    public DeadLetterNow(DeathReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DeathReason reason() {
        return reason;
    }
}
