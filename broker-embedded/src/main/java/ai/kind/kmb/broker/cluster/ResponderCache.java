package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.routing.TopicTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ResponderDirectory} last read of the other nodes' listings: their filters and
 * groups, and until when (System.nanoTime) each node's entry lasts, so that an entry runs out in
 * memory when it would on the server, even while the server cannot be read.
 */
record ResponderCache(TopicTrie<String> filters, Map<QueueGroup, List<String>> groups, Map<String, Long> deadlines) {
    private static final Logger LOG = LoggerFactory.getLogger(ResponderCache.class);
    static final ResponderCache EMPTY = new ResponderCache(new TopicTrie<>(), Map.of(), Map.of());

    /** The entries of every node but {@code nodeId}, as read now. */
    static ResponderCache of(String nodeId, List<ResponderBoard.Entry> entries) {
        TopicTrie<String> filters = new TopicTrie<>();
        Map<QueueGroup, List<String>> groups = new HashMap<>();
        Map<String, Long> deadlines = new HashMap<>();
        long now = System.nanoTime();
        for (ResponderBoard.Entry entry : entries) {
            if (entry.nodeId().equals(nodeId)) {
                continue;
            }
            deadlines.put(entry.nodeId(), now + entry.left().toNanos());
            entry.listing().groups().forEach(group -> groups.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(entry.nodeId()));
            for (String filter : entry.listing().filters()) {
                try {
                    filters.add(TopicFilter.parse(filter), entry.nodeId());
                } catch (RuntimeException e) {
                    LOG.debug("node {}: node {} lists a filter this node cannot read: {}", nodeId, entry.nodeId(),
                            filter);
                }
            }
        }
        return new ResponderCache(filters, groups, deadlines);
    }

    boolean matches(String topic) {
        long now = System.nanoTime();
        return filters.match(topic).stream().anyMatch(node -> alive(node, now));
    }

    boolean alive(String node, long now) {
        return deadlines.get(node) - now > 0;
    }
}
