package ai.kind.kmb.broker.store.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Topics' own retention on the one stream every topic shares. XTRIM (MINID, MAXLEN) only cuts the
 * head, so this walks the old part of the log in bounded script steps ({@code trim_topics.lua}) and
 * XDELs the entries of the topics whose time is up. Each topic keeps a cursor in Redis, the last
 * offset walked for it, shared by the nodes: a pass goes on where the last one stopped, so an entry
 * is read about once per distinct retention rather than once per pass. A pass looks at no more than
 * {@link RedisStoreOptions#maxTopicRetentionScan()} entries; a longer backlog (a descriptor just added
 * to a long log) is worked off over several passes.
 */
final class RedisTopicRetention {
    /** Topics that share one cutoff, and the last offset of the log's range received before it. */
    record Group(List<String> topics, long through) {
    }

    private final RedisLink link;
    private final RedisKeys keys;
    private final RedisStoreOptions options;

    RedisTopicRetention(RedisLink link, RedisKeys keys, RedisStoreOptions options) {
        this.link = link;
        this.keys = keys;
        this.options = options;
    }

    /**
     * Deletes the groups' topics' messages up to each group's {@code through}, skipping offsets up
     * to {@code floor} (the head trim that follows removes those); returns how many messages went.
     * Groups take steps in turn, so one with a long backlog does not hold up the others.
     */
    long enforce(List<Group> groups, long floor) {
        long budget = options.maxTopicRetentionScan();
        long removed = 0;
        List<Group> walking = new ArrayList<>(groups);
        while (!walking.isEmpty() && budget > 0) {
            for (Iterator<Group> each = walking.iterator(); each.hasNext() && budget > 0; ) {
                Group group = each.next();
                List<Object> step = step(group, floor, (int) Math.min(options.scanChunk(), budget));
                removed += (Long) step.get(0);
                budget -= (Long) step.get(1);
                if ((Long) step.get(2) == 1L) {
                    each.remove();
                }
            }
        }
        return removed;
    }

    private List<Object> step(Group group, long floor, int chunk) {
        List<String> args = new ArrayList<>(3 + group.topics().size());
        args.addAll(List.of(Long.toString(group.through()), Long.toString(floor), Integer.toString(chunk)));
        args.addAll(group.topics());
        return link.await("enforce topics' retention", link.script(RedisScripts.TRIM_TOPICS, ScriptOutputType.MULTI,
                new String[] {keys.log(), keys.stats(), keys.ids(), keys.traces(), keys.timeMarks(),
                        keys.topicRetention()}, args.toArray(String[]::new)));
    }
}
