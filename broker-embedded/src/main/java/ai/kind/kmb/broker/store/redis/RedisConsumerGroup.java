package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.GroupStatus;
import ai.kind.kmb.history.StoredMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A node's share of a durable consumer on Redis: a consumer group on the store's log, this node a
 * member of it. New entries come with XREADGROUP (each entry to one member), are settled with XACK,
 * and entries whose member stopped renewing are taken over with XAUTOCLAIM. A claim's lease is the
 * entry's idle time in the group's pending list, which renewing (XCLAIM ... IDLE 0, by the member
 * that holds it) resets.
 *
 * <p>Reads never block in Redis (the node's tail of the log says when to look), so every command
 * goes on the store's shared connection. If Redis lost the group (a restart without persistence,
 * XGROUP DESTROY), it is created again from the start of the retained log and the command retried:
 * deliveries may repeat, never go missing, as at-least-once allows.
 */
final class RedisConsumerGroup implements ConsumerClaims {
    /** Long enough that any lease has run out: what a release sets the idle time to. */
    private static final Duration RELEASED = Duration.ofDays(3650);

    private final RedisLink link;
    private final String stream;
    private final String group;
    private final io.lettuce.core.Consumer<String> member;
    /** Where the next XAUTOCLAIM goes on in the pending list; guarded by this. */
    private String claimCursor = "0-0";

    private RedisConsumerGroup(RedisLink link, RedisKeys keys, String durable, String member) {
        this.link = link;
        this.stream = keys.log();
        this.group = groupName(durable);
        this.member = io.lettuce.core.Consumer.from(group, member);
    }

    /** The group's name on the log stream; a prefix keeps room for groups that are not durables. */
    static String groupName(String durable) {
        return "durable:" + durable;
    }

    static RedisConsumerGroup join(RedisLink link, RedisKeys keys, String durable, String member, long startAfter) {
        RedisConsumerGroup joined = new RedisConsumerGroup(link, keys, durable, member);
        joined.create(startAfter);
        return joined;
    }

    /**
     * The group's last delivered entry (XINFO GROUPS) and its pending entries by member (the XPENDING
     * summary); empty when the log or the group does not exist.
     */
    static Optional<GroupStatus> status(RedisLink link, RedisKeys keys, String durable) {
        String stream = keys.log();
        String group = groupName(durable);
        if (link.await("look for the log", link.commands().exists(stream)) == 0) {
            return Optional.empty();
        }
        String lastDelivered = null;
        for (Object described : link.await("list the groups of " + stream, link.commands().xinfoGroups(stream))) {
            List<?> fields = (List<?>) described;
            // XINFO GROUPS answers each group as a flat list of field names and values.
            Map<String, Object> byName = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                byName.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            }
            if (group.equals(String.valueOf(byName.get("name")))) {
                lastDelivered = String.valueOf(byName.get("last-delivered-id"));
            }
        }
        if (lastDelivered == null) {
            return Optional.empty();
        }
        try {
            PendingMessages pending = link.await("summarise the pending entries of group " + group,
                    link.commands().xpending(stream, group));
            return Optional.of(new GroupStatus(RedisLog.offset(lastDelivered), pending.getConsumerMessageCount()));
        } catch (RuntimeException e) {
            if (repliedWith(e, "NOGROUP")) {
                return Optional.empty(); // deleted between the two commands
            }
            throw e;
        }
    }

    @Override
    public List<StoredMessage> claimNew(int max) {
        List<StreamMessage<String, String>> entries = retryingLostGroup("read from group " + group,
                () -> link.commands().xreadgroup(member, XReadArgs.Builder.count(max),
                        XReadArgs.StreamOffset.lastConsumed(stream)));
        return entries == null ? List.of() : entries.stream().map(RedisConsumerGroup::message).toList();
    }

    /** XAUTOCLAIM walks the pending list from where the last call stopped, starting over at its end. */
    @Override
    public synchronized List<Abandoned> claimAbandoned(Duration lease, int max) {
        ClaimedMessages<String, String> claimed = retryingLostGroup("claim abandoned entries in group " + group,
                () -> link.commands().xautoclaim(stream, new XAutoClaimArgs<String>().consumer(member)
                        .minIdleTime(lease).startId(claimCursor).count(max)));
        claimCursor = claimed.getId();
        List<StreamMessage<String, String>> entries = claimed.getMessages().stream()
                .filter(entry -> entry.getBody() != null && !entry.getBody().isEmpty()).toList();
        if (entries.isEmpty()) {
            return List.of();
        }
        // XAUTOCLAIM counted this claim; XPENDING says how many there have been.
        Map<String, Long> claims = retryingLostGroup("read delivery counts in group " + group,
                () -> link.commands().xpending(stream, member, Range.create(entries.getFirst().getId(),
                        entries.getLast().getId()), Limit.from(entries.size() * 2L)))
                .stream().collect(Collectors.toMap(PendingMessage::getId, PendingMessage::getRedeliveryCount));
        List<Abandoned> result = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            int earlier = (int) Math.max(0, claims.getOrDefault(entry.getId(), 1L) - 1);
            result.add(new Abandoned(message(entry), earlier));
        }
        return result;
    }

    @Override
    public void renew(Collection<Long> offsets) {
        claimOwn("renew claims in group " + group, offsets, Duration.ZERO);
    }

    @Override
    public void settle(Collection<Long> offsets) {
        if (!offsets.isEmpty()) {
            retryingLostGroup("acknowledge in group " + group,
                    () -> link.commands().xack(stream, group, ids(offsets).toArray(String[]::new)));
        }
    }

    @Override
    public void release(Collection<Long> offsets) {
        claimOwn("release claims in group " + group, offsets, RELEASED);
    }

    private void claimOwn(String action, Collection<Long> offsets, Duration idle) {
        if (offsets.isEmpty()) {
            return;
        }
        String[] args = Stream.concat(Stream.of(group, member.getName(), Long.toString(idle.toMillis())), ids(offsets))
                .toArray(String[]::new);
        retryingLostGroup(action, () -> link.<Long>script(RedisScripts.CLAIM_OWN, ScriptOutputType.INTEGER,
                new String[] {stream}, args));
    }

    private static Stream<String> ids(Collection<Long> offsets) {
        return offsets.stream().map(RedisLog::entryId);
    }

    private void create(long after) {
        try {
            link.await("create group " + group, link.commands().xgroupCreate(
                    XReadArgs.StreamOffset.from(stream, RedisLog.entryId(after)), group, XGroupCreateArgs.Builder.mkstream()));
        } catch (RuntimeException e) {
            if (!repliedWith(e, "BUSYGROUP")) {
                throw e;
            }
            // The group exists already: another node created it, and it keeps its position.
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
