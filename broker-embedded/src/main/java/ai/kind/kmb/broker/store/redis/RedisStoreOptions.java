package ai.kind.kmb.broker.store.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link RedisStore} runs.
 *
 * @param keyPrefix         names every key of the store ({@code {prefix}:log}, ...); nodes that share a bus
 *                          use the same prefix, separate buses (and tests) use different ones. It becomes a
 *                          Redis Cluster hash tag, so all of a store's keys live in one slot, as its scripts need
 * @param connectTimeout    how long opening (and each reconnect attempt) may take
 * @param commandTimeout    how long one command may take before its future fails with {@code unavailable}
 * @param maxQueuedCommands commands that may wait for Redis on the store's connection; past it, calls fail at once
 *                          with {@code unavailable} (backpressure, and a bound on heap while Redis is away)
 * @param maxMessages       retention by count, applied by {@code enforceRetention} like Redis's MAXLEN; zero or
 *                          less means no limit
 * @param scanChunk         stream entries one history or retention script looks at before handing control back
 *                          to Redis, so no script blocks the server for long
 * @param maxTopicRetentionScan stream entries one retention pass may look at for topics' own retention, which
 *                          must walk the log (XTRIM cannot pick a topic); a longer backlog is worked off over
 *                          several passes
 */
public record RedisStoreOptions(String keyPrefix, Duration connectTimeout, Duration commandTimeout,
                                int maxQueuedCommands, long maxMessages, int scanChunk, long maxTopicRetentionScan) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    public RedisStoreOptions {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("keyPrefix must be 1 to 100 of A-Z a-z 0-9 _ . : -, got '" + keyPrefix
                    + "'");
        }
        if (!connectTimeout.isPositive() || !commandTimeout.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive, got " + connectTimeout + " and "
                    + commandTimeout);
        }
        if (maxQueuedCommands < 1 || scanChunk < 1 || maxTopicRetentionScan < 1) {
            throw new IllegalArgumentException("maxQueuedCommands, scanChunk and maxTopicRetentionScan must be at "
                    + "least 1, got " + maxQueuedCommands + ", " + scanChunk + " and " + maxTopicRetentionScan);
        }
    }

    /**
     * Ten seconds per command is far beyond a healthy Redis (sub-millisecond) yet short enough that a
     * caller learns of an outage; 16,384 queued commands matches the SQLite store's write queue; a
     * scan chunk of 1,000 entries keeps one script well under a millisecond of Redis's time; 100,000
     * entries of topics' own retention per pass bound a pass to about a hundred such scripts.
     */
    public static RedisStoreOptions defaults(String keyPrefix) {
        return new RedisStoreOptions(keyPrefix, Duration.ofSeconds(5), Duration.ofSeconds(10), 16_384, 0, 1_000,
                100_000);
    }

    public RedisStoreOptions withMaxMessages(long messages) {
        return new RedisStoreOptions(keyPrefix, connectTimeout, commandTimeout, maxQueuedCommands, messages, scanChunk,
                maxTopicRetentionScan);
    }

    public RedisStoreOptions withTimeouts(Duration connect, Duration command) {
        return new RedisStoreOptions(keyPrefix, connect, command, maxQueuedCommands, maxMessages, scanChunk,
                maxTopicRetentionScan);
    }

    public RedisStoreOptions withScanChunk(int entries) {
        return new RedisStoreOptions(keyPrefix, connectTimeout, commandTimeout, maxQueuedCommands, maxMessages, entries,
                maxTopicRetentionScan);
    }

    public RedisStoreOptions withMaxTopicRetentionScan(long entries) {
        return new RedisStoreOptions(keyPrefix, connectTimeout, commandTimeout, maxQueuedCommands, maxMessages,
                scanChunk, entries);
    }
}
