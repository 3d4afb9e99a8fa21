package ai.kind.kmb.broker.store;

import java.time.Instant;

/**
 * Everything the broker keeps: the message log, durable consumers' positions and dead letters.
 * Each engine (in memory, SQLite, Redis, PostgreSQL) implements all three, and one conformance
 * suite checks them alike.
 */
public interface MessageStore extends MessageLog, ConsumerPositions, DeadLetters, AutoCloseable {

    /** Deletes what the policy no longer keeps; returns how many messages went. */
    long enforceRetention(RetentionPolicy policy, Instant now);

    /** Flushes and closes; every future already completed stays true after a restart. */
    @Override
    void close();
}
