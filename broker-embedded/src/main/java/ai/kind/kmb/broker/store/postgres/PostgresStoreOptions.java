package ai.kind.kmb.broker.store.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link PostgresStore} runs.
 *
 * @param schema             the schema holding the store's tables; nodes that share a bus use the same one,
 *                           separate buses (and tests) different ones. Lower-case letters, digits and '_', at
 *                           most 48 characters, so that channel names built from it stay within PostgreSQL's 63
 * @param writeQueueCapacity writes (appends, consumer saves, dead letters) that may wait for the writer thread;
 *                           past it, callers wait (backpressure)
 * @param enqueueTimeout     how long a caller waits for room in a full queue before its write fails with
 *                           {@code unavailable}; zero fails at once (for event-loop callers)
 * @param maxBatchWrites     most writes committed in one transaction
 * @param readConnections    connections kept for reads and synchronous writes; callers beyond these wait
 * @param connectTimeout     how long opening a connection may take
 * @param socketTimeout      how long any one statement may wait for the server before it fails with
 *                           {@code unavailable}; it also bounds how long a dead server can hold a caller
 */
public record PostgresStoreOptions(String schema, int writeQueueCapacity, Duration enqueueTimeout, int maxBatchWrites,
                                   int readConnections, Duration connectTimeout, Duration socketTimeout) {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,47}");

    public PostgresStoreOptions {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be 1 to 48 of a-z 0-9 _ (not starting with a digit), got '"
                    + schema + "'");
        }
        if (writeQueueCapacity < 1 || maxBatchWrites < 1 || readConnections < 1) {
            throw new IllegalArgumentException("writeQueueCapacity, maxBatchWrites and readConnections must be at "
                    + "least 1, got " + writeQueueCapacity + ", " + maxBatchWrites + " and " + readConnections);
        }
        if (enqueueTimeout.isNegative() || !connectTimeout.isPositive() || !socketTimeout.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive (enqueueTimeout may be zero)");
        }
    }

    /**
     * The SQLite store's queue and batch sizes; four read connections; ten seconds to connect, and a
     * minute for any statement, which only retention on a very large log comes near.
     */
    public static PostgresStoreOptions defaults(String schema) {
        return new PostgresStoreOptions(schema, 16_384, Duration.ofSeconds(2), 2_048, 4, Duration.ofSeconds(10),
                Duration.ofMinutes(1));
    }

    public PostgresStoreOptions withTimeouts(Duration connect, Duration socket) {
        return new PostgresStoreOptions(schema, writeQueueCapacity, enqueueTimeout, maxBatchWrites, readConnections,
                connect, socket);
    }

    public PostgresStoreOptions withWriteQueue(int capacity, Duration timeout) {
        return new PostgresStoreOptions(schema, capacity, timeout, maxBatchWrites, readConnections, connectTimeout,
                socketTimeout);
    }

    /** The channel NOTIFY wakes other nodes on after an append. */
    /** The NOTIFY channel on which the nodes of this bus exchange ephemeral messages. */
    String liveChannel() {
        return "kmb_live_" + schema;
    }

    String appendedChannel() {
        return "kmb_appended_" + schema;
    }

    /** The channel the outbox trigger notifies relays on. */
    String outboxChannel() {
        return "kmb_outbox_" + schema;
    }
}
