package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.GroupStatus;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.SharedConsumers;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import io.lettuce.core.RedisURI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The store several KMB nodes share: everything lives in Redis under one key prefix (see
 * {@link RedisKeys}), the log on a Redis Stream. Offsets come from one counter in Redis, so they are
 * unique across nodes and grow in the order Redis ran the appends; one node's appends reach Redis in
 * the order of its calls. Futures complete on {@value RedisLink#COMPLETER_NAME}; every failure
 * (Redis away, slow, full, or its data lost) is a {@link KmbException} with code {@code unavailable}
 * naming the server.
 *
 * <p>What an acknowledged append survives depends on Redis's own persistence settings; see
 * {@code docs/storage.md}.
 */
public final class RedisStore implements MessageStore, SharedConsumers {
    /** The layout this code writes; a store written by a later layout is refused. */
    static final int LAYOUT_VERSION = 1;

    private final RedisLink link;
    private final RedisKeys keys;
    private final RedisLog log;
    private final RedisDeadLetters deadLetters;
    private final RedisSnapshots snapshots;

    private RedisStore(RedisLink link, RedisKeys keys, RedisStoreOptions options) {
        this.link = link;
        this.keys = keys;
        this.log = new RedisLog(link, keys, options);
        this.deadLetters = new RedisDeadLetters(link, keys);
        this.snapshots = new RedisSnapshots(link, keys);
    }

    /**
     * Connects and checks the server and the store's layout version, creating the store if it is
     * new. Fails with {@code unavailable}, naming the server, when Redis cannot be reached.
     */
    public static RedisStore open(RedisURI uri, RedisStoreOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        RedisLink link = RedisLink.open(uri, options);
        try {
            RedisKeys keys = new RedisKeys(options.keyPrefix());
            checkServer(link);
            checkLayout(link, keys);
            return new RedisStore(link, keys, options);
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** Opens the store at a URL such as {@code redis://127.0.0.1:6379/0} or {@code rediss://:secret@host:6380}. */
    public static RedisStore open(String url, RedisStoreOptions options) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "not a Redis URL: '" + url + "' (" + e.getMessage() + ")");
        }
        return open(uri, options);
    }

    /** The server, as errors name it (no password). */
    public String url() {
        return link.url();
    }

    /** The stream holding the log, for nodes that tail it (XREAD BLOCK on a connection of their own). */
    public String logKey() {
        return keys.log();
    }

    /** The pub/sub channel on which the nodes of this bus exchange ephemeral messages. */
    public String liveChannel() {
        return keys.live();
    }

    /** Where the nodes of this bus list their responder filters (a hash, and a channel of the same name). */
    public String respondersKey() {
        return keys.responders();
    }

    /** Where the nodes of this bus report the durables they serve (a hash, beside {@link #respondersKey()}). */
    public String nodeDurablesKey() {
        return keys.nodeDurables();
    }

    /** Agents' snapshots, under this store's prefix, shared by every node of the bus. */
    public SnapshotRecords snapshots() {
        return snapshots;
    }

    @Override
    public CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return async(() -> log.append(message, receivedAt));
    }

    /** Atomic: the append script itself looks for the id (see {@link MessageStore#appendOnce}). */
    @Override
    public CompletableFuture<Appended> appendOnce(Envelope message, Instant receivedAt, Instant since) {
        Objects.requireNonNull(message.id(), "message id");
        Objects.requireNonNull(since, "since");
        return async(() -> log.appendOnce(message, receivedAt, since));
    }

    /** One script, so a transaction's messages are stored all or none (see append.lua). */
    @Override
    public CompletableFuture<List<StoredMessage>> appendAll(List<Envelope> messages, Instant receivedAt) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return messages.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : async(() -> log.appendAll(messages, receivedAt));
    }

    @Override
    public List<StoredMessage> readAfter(long afterOffset, int limit) {
        return log.readAfter(afterOffset, limit);
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        return log.query(query);
    }

    @Override
    public long lastOffset() {
        return log.lastOffset();
    }

    @Override
    public OptionalLong firstOffset() {
        return log.firstOffset();
    }

    @Override
    public OptionalLong firstOffsetAtOrAfter(Instant time) {
        return log.firstOffsetAtOrAfter(time);
    }

    @Override
    public Optional<StoredMessage> findById(String messageId, Instant since) {
        return log.findById(messageId, since);
    }

    @Override
    public LogStats stats() {
        return log.stats();
    }

    @Override
    public long enforceRetention(RetentionPolicy policy, Instant now) {
        return log.enforceRetention(policy, now);
    }

    @Override
    public Optional<ConsumerState> loadConsumer(String name) {
        String json = link.await("load consumer " + name, link.commands().hget(keys.consumers(), name));
        return json == null ? Optional.empty() : Optional.of(RedisCodec.consumer(name, json));
    }

    /** Sorted by name, as the other engines list them. */
    @Override
    public List<ConsumerState> consumers() {
        Map<String, String> all = link.await("list consumers", link.commands().hgetall(keys.consumers()));
        return new TreeMap<>(all).entrySet().stream()
                .map(entry -> RedisCodec.consumer(entry.getKey(), entry.getValue())).toList();
    }

    /** One HSET of the whole state, so a reader never sees half of a save. */
    @Override
    public CompletableFuture<Void> saveConsumer(ConsumerState state) {
        Objects.requireNonNull(state, "state");
        return async(() -> link.deliver("save consumer " + state.name(), link.commands()
                .hset(keys.consumers(), state.name(), RedisCodec.consumer(state)).thenApply(created -> (Void) null)));
    }

    /** Deletes the saved state and the group nodes share it through, with its pending entries. */
    @Override
    public boolean deleteConsumer(String name) {
        boolean saved = link.await("delete consumer " + name, link.commands().hdel(keys.consumers(), name)) > 0;
        long logExists = link.await("delete consumer " + name, link.commands().exists(keys.log()));
        boolean grouped = logExists > 0 && link.await("delete consumer group " + name,
                link.commands().xgroupDestroy(keys.log(), RedisConsumerGroup.groupName(name)));
        return saved || grouped;
    }

    @Override
    public ConsumerClaims join(String durable, String node, long startAfter) {
        Objects.requireNonNull(durable, "durable");
        Objects.requireNonNull(node, "node");
        return RedisConsumerGroup.join(link, keys, durable, node, startAfter);
    }

    @Override
    public Optional<GroupStatus> status(String durable) {
        Objects.requireNonNull(durable, "durable");
        return RedisConsumerGroup.status(link, keys, durable);
    }

    @Override
    public CompletableFuture<DeadLetter> addDeadLetter(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        return async(() -> deadLetters.add(letter));
    }

    @Override
    public List<DeadLetter> deadLetters(DeadLetterQuery query) {
        return deadLetters.list(query);
    }

    @Override
    public Optional<DeadLetter> deadLetter(String id) {
        return deadLetters.get(id);
    }

    @Override
    public boolean removeDeadLetter(String id) {
        return deadLetters.remove(id);
    }

    @Override
    public int purgeDeadLetters(DeadLetterQuery query) {
        return deadLetters.purge(query);
    }

    /**
     * Closes the connection. Every future already completed is in Redis; commands still in flight
     * fail with {@code unavailable}. Later calls fail with {@code unavailable}.
     */
    @Override
    public void close() {
        link.close();
    }

    /** Runs an asynchronous write, turning anything it throws before reaching Redis into a failed future. */
    private <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(RedisErrors.failure(link.url(), "write", e));
        }
    }

    /** XTRIM MINID and XAUTOCLAIM arrived in Redis 6.2; older servers are refused with the reason. */
    private static void checkServer(RedisLink link) {
        String info = link.await("read the server version", link.commands().info("server"));
        String version = info.lines().filter(line -> line.startsWith("redis_version:")).findFirst()
                .map(line -> line.substring("redis_version:".length()).trim()).orElse("0");
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (major < 6 || major == 6 && minor < 2) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "message store " + link.url() + ": Redis " + version
                    + " is too old; KMB needs Redis 6.2 or later (XTRIM MINID, XAUTOCLAIM)");
        }
    }

    private static void checkLayout(RedisLink link, RedisKeys keys) {
        link.await("create the store", link.commands().hsetnx(keys.meta(), "version", Integer.toString(LAYOUT_VERSION)));
        link.await("create the store", link.commands().hsetnx(keys.meta(), "created", Instant.now().toString()));
        String stored = link.await("read the store's version", link.commands().hget(keys.meta(), "version"));
        if (Integer.parseInt(stored) > LAYOUT_VERSION) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "message store " + link.url() + " (prefix "
                    + keys.prefix() + ") has layout version " + stored + ", written by a newer KMB; this one knows "
                    + "versions up to " + LAYOUT_VERSION);
        }
    }
}
