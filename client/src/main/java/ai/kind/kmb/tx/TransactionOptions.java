package ai.kind.kmb.tx;

import java.time.Duration;
import java.util.Objects;

/**
 * A transaction's time-out (past it, the broker rolls it back) and durability (null: the broker's
 * default), which every message in it shares.
 */
public record TransactionOptions(Duration timeout, Boolean durable) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final TransactionOptions DEFAULT = new TransactionOptions(DEFAULT_TIMEOUT, null);

    public TransactionOptions {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a transaction's timeout must be positive, got " + timeout);
        }
    }

    public TransactionOptions withTimeout(Duration newTimeout) {
        return new TransactionOptions(newTimeout, durable);
    }

    public TransactionOptions withDurable(Boolean newDurable) {
        return new TransactionOptions(timeout, newDurable);
    }
}
