package ai.kind.kmb.broker.store.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SqliteStore} runs.
 *
 * @param fileName            the database file inside the store's directory
 * @param writeQueueCapacity  writes (appends, consumer saves, dead letters) that may wait for the writer
 *                            thread; past it, callers wait (backpressure)
 * @param enqueueTimeout      how long a caller waits for room in a full queue before its write fails
 *                            with {@code unavailable}; zero fails at once (for event-loop callers)
 * @param maxBatchWrites      most writes committed in one transaction (one fsync)
 * @param readConnections     read connections kept open; reads beyond these wait for one
 * @param maxDatabaseBytes    a cap on the database file (SQLite's max_page_count); writes past it fail
 *                            like a full disk; zero or less means no cap
 */
public record SqliteStoreOptions(String fileName, int writeQueueCapacity, Duration enqueueTimeout,
                                 int maxBatchWrites, int readConnections, long maxDatabaseBytes) {
    public static final String DEFAULT_FILE_NAME = "kmb.db";

    public SqliteStoreOptions {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("fileName must be a plain file name, got '" + fileName + "'");
        }
        requireAtLeastOne("writeQueueCapacity", writeQueueCapacity);
        requireAtLeastOne("maxBatchWrites", maxBatchWrites);
        requireAtLeastOne("readConnections", readConnections);
        if (enqueueTimeout.isNegative()) {
            throw new IllegalArgumentException("enqueueTimeout must not be negative, got " + enqueueTimeout);
        }
    }

    /**
     * 16,384 queued writes is a fraction of a second of backlog at the rates one SQLite file takes,
     * and a bounded amount of heap; 2 seconds without room means the disk is stuck, not busy.
     */
    public static SqliteStoreOptions defaults() {
        return new SqliteStoreOptions(DEFAULT_FILE_NAME, 16_384, Duration.ofSeconds(2), 2_048, 4, 0);
    }

    public SqliteStoreOptions withWriteQueue(int capacity, Duration timeout) {
        return new SqliteStoreOptions(fileName, capacity, timeout, maxBatchWrites, readConnections, maxDatabaseBytes);
    }

    public SqliteStoreOptions withMaxBatchWrites(int writes) {
        return new SqliteStoreOptions(fileName, writeQueueCapacity, enqueueTimeout, writes, readConnections,
                maxDatabaseBytes);
    }

    public SqliteStoreOptions withReadConnections(int connections) {
        return new SqliteStoreOptions(fileName, writeQueueCapacity, enqueueTimeout, maxBatchWrites, connections,
                maxDatabaseBytes);
    }

    public SqliteStoreOptions withMaxDatabaseBytes(long bytes) {
        return new SqliteStoreOptions(fileName, writeQueueCapacity, enqueueTimeout, maxBatchWrites, readConnections,
                bytes);
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
