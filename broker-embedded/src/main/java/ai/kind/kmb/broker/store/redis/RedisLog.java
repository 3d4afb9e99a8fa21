package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.MessageLog.Appended;
import ai.kind.kmb.broker.store.MessageLog.LogStats;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The message log on a Redis Stream. Each append is one script that takes the next offset from a
 * counter (INCR) and adds the entry with the id {@code <offset>-0} (or, for an idempotent append
 * whose id is already in the window, adds nothing), so the stream is in offset order,
 * offsets are unique across every node sharing the Redis, and they follow the order in which Redis
 * ran the appends, which for one node is the order of its calls (one connection, in order).
 * History queries run as bounded server-side scans; retention trims the stream's head (XTRIM MINID),
 * and topics' own retention deletes entries further in ({@link RedisTopicRetention}).
 */
final class RedisLog {
    private static final int ARGS_PER_MESSAGE = 8;

    private final RedisLink link;
    private final RedisKeys keys;
    private final RedisStoreOptions options;
    private final RedisTopicRetention topicRetention;

    RedisLog(RedisLink link, RedisKeys keys, RedisStoreOptions options) {
        this.link = link;
        this.keys = keys;
        this.options = options;
        this.topicRetention = new RedisTopicRetention(link, keys, options);
    }

    CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt) {
        return appendOnce(message, receivedAt, null).thenApply(Appended::message);
    }

    /** With {@code since} null, appends whatever the id; otherwise the script answers a repeat (append.lua). */
    CompletableFuture<Appended> appendOnce(Envelope message, Instant receivedAt, Instant since) {
        Instant at = receivedAt.truncatedTo(ChronoUnit.MICROS);
        List<String> args = new ArrayList<>(ARGS_PER_MESSAGE);
        addArgs(args, message, at, since);
        return link.deliver("append a message", appendScript(args).thenApply(stored -> stored.size() == 1
                ? new Appended(new StoredMessage((Long) stored.getFirst(), at, message), false)
                : new Appended(RedisCodec.message(Long.toString((Long) stored.get(0)), (String) stored.get(1),
                        (String) stored.get(2)), true)));
    }

    /** One script call for all of them, so Redis stores every message or none, at consecutive offsets. */
    CompletableFuture<List<StoredMessage>> appendAll(List<Envelope> messages, Instant receivedAt) {
        Instant at = receivedAt.truncatedTo(ChronoUnit.MICROS);
        List<String> args = new ArrayList<>(ARGS_PER_MESSAGE * messages.size());
        messages.forEach(message -> addArgs(args, message, at, null));
        return link.deliver("append " + messages.size() + " messages", appendScript(args).thenApply(offsets -> {
            List<StoredMessage> stored = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                stored.add(new StoredMessage((Long) offsets.get(i), at, messages.get(i)));
            }
            return stored;
        }));
    }

    private CompletableFuture<List<Object>> appendScript(List<String> args) {
        String[] scriptKeys = {keys.meta(), keys.sequence(), keys.log(), keys.stats(), keys.ids(), keys.traces(),
                keys.timeMarks()};
        return link.scriptInOrder(RedisScripts.APPEND, ScriptOutputType.MULTI, scriptKeys, args.toArray(String[]::new));
    }

    /** Encodes on the caller's thread, so a later change to the payload cannot reach the stored copy. */
    private static void addArgs(List<String> args, Envelope message, Instant at, Instant since) {
        String id = message.id();
        String trace = message.metadata().traceId();
        args.addAll(List.of(Long.toString(RedisCodec.micros(at)), message.topic(), EnvelopeCodec.toJsonString(message),
                id == null ? "0" : "1", id == null ? "" : id, trace == null ? "0" : "1", trace == null ? "" : trace,
                since == null ? "" : Long.toString(RedisCodec.ceilMicros(since))));
    }

    List<StoredMessage> readAfter(long afterOffset, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<StreamMessage<String, String>> entries = link.await("read messages", link.commands()
                .xrange(keys.log(), Range.create(entryId(Math.max(0, afterOffset) + 1), "+"), Limit.from(limit)));
        return entries.stream().map(RedisLog::message).toList();
    }

    /**
     * Pages through candidates until {@code limit} messages match or the log ends. A trace id reads
     * its index; otherwise the stream is scanned from {@code after}, or from the first message at or
     * after {@code from} when that is later. Redis narrows by topic prefix, time and trace; the
     * topic filter is matched exactly here, before an envelope is decoded.
     */
    List<StoredMessage> query(HistoryQuery query) {
        long cursor = Math.max(0, query.after());
        if (query.traceId() == null && query.from() != null) {
            OptionalLong first = firstOffsetAtOrAfter(query.from());
            if (first.isEmpty()) {
                return List.of();
            }
            cursor = Math.max(cursor, first.getAsLong() - 1);
        }
        return scan(query, cursor);
    }

    long lastOffset() {
        String value = link.await("read the last offset", link.commands().get(keys.sequence()));
        return value == null ? 0 : Long.parseLong(value);
    }

    OptionalLong firstOffset() {
        List<StreamMessage<String, String>> head = link.await("find the first offset",
                link.commands().xrange(keys.log(), Range.create("-", "+"), Limit.from(1)));
        return head.isEmpty() ? OptionalLong.empty() : OptionalLong.of(offset(head.getFirst().getId()));
    }

    /**
     * The first time mark at or after {@code time} is a lower bound (see append.lua); the answer is
     * the first entry from there on received at or after {@code time}: where times rise with offsets,
     * the very first one.
     */
    OptionalLong firstOffsetAtOrAfter(Instant time) {
        long micros = RedisCodec.ceilMicros(time);
        List<String> mark = link.await("find an offset by time", link.commands().zrangebyscore(keys.timeMarks(),
                Range.from(Range.Boundary.including((double) micros), Range.Boundary.unbounded()), Limit.create(0, 1)));
        if (mark.isEmpty()) {
            return OptionalLong.empty();
        }
        List<StoredMessage> first = scan(new HistoryQuery(null, RedisCodec.instant(micros), null, null, 0, 1),
                Long.parseLong(mark.getFirst()) - 1);
        return first.isEmpty() ? OptionalLong.empty() : OptionalLong.of(first.getFirst().offset());
    }

    Optional<StoredMessage> findById(String messageId, Instant since) {
        List<Object> found = link.await("find a message by id", link.script(RedisScripts.FIND_BY_ID,
                ScriptOutputType.MULTI, new String[] {keys.ids(), keys.log()}, messageId,
                since == null ? "" : Long.toString(RedisCodec.ceilMicros(since))));
        return found.isEmpty() ? Optional.empty()
                : Optional.of(RedisCodec.message((String) found.get(0), (String) found.get(1), (String) found.get(2)));
    }

    LogStats stats() {
        List<KeyValue<String, String>> values = link.await("read the log's totals",
                link.commands().hmget(keys.stats(), "messages", "bytes"));
        return new LogStats(values.get(0).getValueOrElse("0").transform(Long::parseLong),
                values.get(1).getValueOrElse("0").transform(Long::parseLong));
    }

    /**
     * By age, the head of the log up to the first message received at or after the cutoff (XTRIM
     * MINID), and each topic's own age further in; then the oldest messages while the bytes, or the
     * count ({@code maxMessages}, like MAXLEN), exceed the limit. Each step is one bounded script.
     */
    long enforceRetention(RetentionPolicy policy, Instant now) {
        long through = policy.limitsAge() ? lastBefore(now.minus(policy.maxAge())) : 0;
        Map<Instant, List<String>> byCutoff = new TreeMap<>();
        policy.topicCutoffs(now).forEach((topic, cutoff) -> byCutoff.computeIfAbsent(cutoff, c -> new ArrayList<>())
                .add(topic));
        List<RedisTopicRetention.Group> groups = new ArrayList<>();
        byCutoff.forEach((cutoff, topics) -> groups.add(new RedisTopicRetention.Group(topics, lastBefore(cutoff))));
        long removed = topicRetention.enforce(groups, through);
        long maxBytes = Math.max(0, policy.maxBytes());
        long maxMessages = Math.max(0, options.maxMessages());
        while (true) {
            List<Object> step = link.await("enforce retention", link.script(RedisScripts.TRIM, ScriptOutputType.MULTI,
                    new String[] {keys.log(), keys.stats(), keys.ids(), keys.traces(), keys.timeMarks()},
                    Long.toString(through), Long.toString(maxBytes), Long.toString(maxMessages),
                    Integer.toString(options.scanChunk())));
            removed += (Long) step.get(0);
            if ((Long) step.get(2) == 1L) {
                return removed;
            }
        }
    }

    /** The last offset up to which every message was received before {@code cutoff} (by the time marks). */
    private long lastBefore(Instant cutoff) {
        OptionalLong kept = firstOffsetAtOrAfter(cutoff);
        return kept.isPresent() ? kept.getAsLong() - 1 : lastOffset();
    }

    /** The paging loop of {@link #query}, from offset {@code cursor} (exclusive). */
    private List<StoredMessage> scan(HistoryQuery query, long cursor) {
        boolean byTrace = query.traceId() != null;
        TopicFilter filter = query.filter();
        String[] topic = topicNarrowing(filter);
        String from = query.from() == null ? "" : Long.toString(RedisCodec.ceilMicros(query.from()));
        String to = query.to() == null ? "" : Long.toString(RedisCodec.ceilMicros(query.to()));
        List<StoredMessage> page = new ArrayList<>();
        long after = cursor;
        while (true) {
            List<Object> step = link.await("query history", link.script(RedisScripts.HISTORY, ScriptOutputType.MULTI,
                    new String[] {keys.log(), keys.traces()}, byTrace ? "trace" : "log", Long.toString(after),
                    Integer.toString(options.scanChunk()), Integer.toString(query.limit() - page.size()), topic[0],
                    topic[1], from, to, byTrace ? "1" : "0", byTrace ? query.traceId() : ""));
            for (int i = 2; i + 3 < step.size(); i += 4) {
                if (filter == null || filter.matches((String) step.get(i + 2))) {
                    page.add(RedisCodec.message((String) step.get(i), (String) step.get(i + 1), (String) step.get(i + 3)));
                }
            }
            boolean exhausted = (Long) step.get(0) == 1L;
            after = Long.parseLong((String) step.get(1));
            if (page.size() >= query.limit() || exhausted) {
                return page;
            }
        }
    }

    private static String[] topicNarrowing(TopicFilter filter) {
        if (filter == null) {
            return new String[] {"", ""};
        }
        if (filter.isLiteral()) {
            return new String[] {"exact", filter.text()};
        }
        List<String> prefix = new ArrayList<>();
        for (String segment : filter.segments()) {
            if (segment.equals(TopicFilter.ONE) || segment.equals(TopicFilter.ANY)) {
                break;
            }
            prefix.add(segment);
        }
        return prefix.isEmpty() ? new String[] {"user", ""} : new String[] {"prefix", String.join(".", prefix)};
    }

    private static StoredMessage message(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        return RedisCodec.message(Long.toString(offset(entry.getId())), body.get("t"), body.get("env"));
    }

    static long offset(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }

    static String entryId(long offset) {
        return offset + "-0";
    }
}
