package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.history.StoredMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One member of a Redis consumer group on a store's log: the native way several nodes share a
 * durable subscription. Members read new entries with XREADGROUP (each entry goes to one member),
 * settle them with XACK, and take over entries another member left unacknowledged for too long with
 * XAUTOCLAIM, which also counts the delivery, so the caller can dead-letter past its limit.
 *
 * <p>Reads go on a connection of their own: XREADGROUP BLOCK holds its connection for the wait, and
 * acknowledgements and claims must not queue behind it. Every method waits for Redis: call them
 * from a thread that may block (a virtual thread), never from an event loop. If Redis lost the group (a restart without
 * persistence, XGROUP DESTROY), it is created again from the start of the retained log and the call
 * retried: deliveries may repeat, never go missing, as at-least-once allows.
 */
public final class RedisConsumerGroup implements AutoCloseable {
    /** An entry handed to this member, and how often it has been delivered (1 the first time). */
    public record Delivery(StoredMessage message, long deliveries) {
    }

    private final RedisLink link;
    private final String stream;
    private final String group;
    private final io.lettuce.core.Consumer<String> member;
    private final Duration commandTimeout;
    /** Where the next XAUTOCLAIM goes on in the pending list; guarded by this. */
    private String claimCursor = "0-0";

    private RedisConsumerGroup(RedisLink link, RedisStoreOptions options, String group, String member) {
        this.link = link;
        this.commandTimeout = options.commandTimeout();
        this.stream = new RedisKeys(options.keyPrefix()).log();
        this.group = group;
        this.member = io.lettuce.core.Consumer.from(group, member);
    }

    /**
     * Joins (creating if needed) the group {@code group} on the store with this prefix as member
     * {@code member}. A new group starts after offset {@code startAfter}; an existing one keeps its
     * position.
     */
    public static RedisConsumerGroup join(RedisURI uri, RedisStoreOptions options, String group, String member,
                                          long startAfter) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(member, "member");
        RedisLink link = RedisLink.open(uri, options);
        RedisConsumerGroup joined = new RedisConsumerGroup(link, options, group, member);
        try {
            joined.create(startAfter);
            return joined;
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /**
     * Up to {@code count} entries no member has had yet, waiting up to {@code block} for the first
     * (which must be shorter than the store's command time-out).
     */
    public List<Delivery> read(int count, Duration block) {
        if (block.compareTo(commandTimeout) >= 0) {
            throw new IllegalArgumentException("block (" + block + ") must be shorter than the command time-out ("
                    + commandTimeout + "), or every wait would end as a time-out");
        }
        List<StreamMessage<String, String>> entries = retryingLostGroup("read from group " + group,
                () -> link.blockingCommands().xreadgroup(member, XReadArgs.Builder.count(count).block(block),
                        XReadArgs.StreamOffset.lastConsumed(stream)));
        return entries == null ? List.of() : entries.stream().map(entry -> new Delivery(message(entry), 1)).toList();
    }

    /** Settles entries; returns how many were still pending. */
    public long ack(long... offsets) {
        String[] ids = Arrays.stream(offsets).mapToObj(RedisLog::entryId).toArray(String[]::new);
        return retryingLostGroup("acknowledge in group " + group, () -> link.commands().xack(stream, group, ids));
    }

    /**
     * Takes over up to {@code count} entries that were delivered (to any member) at least
     * {@code minIdle} ago and not acknowledged: XAUTOCLAIM, walking the group's pending list from
     * where the last call stopped and starting over at its end.
     */
    public synchronized List<Delivery> claimStale(Duration minIdle, int count) {
        ClaimedMessages<String, String> claimed = retryingLostGroup("claim stale entries in group " + group,
                () -> link.commands().xautoclaim(stream, new XAutoClaimArgs<String>().consumer(member)
                        .minIdleTime(minIdle).startId(claimCursor).count(count)));
        claimCursor = claimed.getId();
        List<StreamMessage<String, String>> entries = claimed.getMessages().stream()
                .filter(entry -> entry.getBody() != null && !entry.getBody().isEmpty()).toList();
        if (entries.isEmpty()) {
            return List.of();
        }
        // XAUTOCLAIM counted the delivery; XPENDING says how many there have been.
        Map<String, Long> deliveries = retryingLostGroup("read delivery counts in group " + group,
                () -> link.commands().xpending(stream, member, Range.create(entries.getFirst().getId(),
                        entries.getLast().getId()), Limit.from(entries.size() * 2L)))
                .stream().collect(Collectors.toMap(PendingMessage::getId, PendingMessage::getRedeliveryCount));
        List<Delivery> result = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            result.add(new Delivery(message(entry), deliveries.getOrDefault(entry.getId(), 1L)));
        }
        return result;
    }

    /** How many entries are delivered and not yet acknowledged, over all members. */
    public long pending() {
        return retryingLostGroup("count pending entries in group " + group,
                () -> link.commands().xpending(stream, group)).getCount();
    }

    @Override
    public void close() {
        link.close();
    }

    private void create(long after) {
        try {
            link.await("create group " + group, link.commands().xgroupCreate(
                    XReadArgs.StreamOffset.from(stream, RedisLog.entryId(after)), group, XGroupCreateArgs.Builder.mkstream()));
        } catch (RuntimeException e) {
            if (!repliedWith(e, "BUSYGROUP")) {
                throw e;
            }
            // The group exists already: another member or node created it, and it keeps its position.
        }
    }

    /** Runs a command; if Redis no longer knows the group, creates it again and runs the command once more. */
    private <T> T retryingLostGroup(String action, Supplier<CompletionStage<T>> command) {
        try {
            return link.await(action, command.get());
        } catch (RuntimeException e) {
            if (!repliedWith(e, "NOGROUP")) {
                throw e;
            }
            create(0);
            synchronized (this) {
                claimCursor = "0-0";
            }
            return link.await(action, command.get());
        }
    }

    /** True when Redis answered the command with this error. */
    private static boolean repliedWith(RuntimeException failure, String error) {
        return failure.getCause() instanceof RedisCommandExecutionException reply
                && String.valueOf(reply.getMessage()).startsWith(error);
    }

    private static StoredMessage message(StreamMessage<String, String> entry) {
        return RedisCodec.message(Long.toString(RedisLog.offset(entry.getId())), entry.getBody().get("t"),
                entry.getBody().get("env"));
    }
}
