package ai.kind.kmb.broker.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link OutboxRelay} runs.
 *
 * @param schema         the schema holding the {@code outbox} table (the store's, or the application's own)
 * @param batchSize      rows claimed, published and deleted per transaction
 * @param pollInterval   how often the relay looks without being notified: a safety net, since a wake-up can be
 *                       lost while its connection is away
 * @param publishTimeout how long the relay waits for the bus to acknowledge a batch before retrying it later
 * @param retryDelay     the pause after the bus or the database failed, before trying again
 * @param connectTimeout how long opening a connection may take
 */
public record OutboxRelayOptions(String schema, int batchSize, Duration pollInterval, Duration publishTimeout,
                                 Duration retryDelay, Duration connectTimeout) {
    public OutboxRelayOptions {
        // The store's options check the schema name the same way.
        PostgresStoreOptions.defaults(Objects.requireNonNull(schema, "schema"));
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (!pollInterval.isPositive() || !publishTimeout.isPositive() || retryDelay.isNegative()
                || !connectTimeout.isPositive()) {
            throw new IllegalArgumentException("intervals and time-outs must be positive");
        }
    }

    /** 100 rows a transaction; a look every 5 s without a wake-up; 30 s for the bus to take a batch. */
    public static OutboxRelayOptions defaults(String schema) {
        return new OutboxRelayOptions(schema, 100, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
    }

    public OutboxRelayOptions withBatchSize(int rows) {
        return new OutboxRelayOptions(schema, rows, pollInterval, publishTimeout, retryDelay, connectTimeout);
    }

    public OutboxRelayOptions withPollInterval(Duration interval) {
        return new OutboxRelayOptions(schema, batchSize, interval, publishTimeout, retryDelay, connectTimeout);
    }

    String channel() {
        return PostgresStoreOptions.defaults(schema).outboxChannel();
    }
}
