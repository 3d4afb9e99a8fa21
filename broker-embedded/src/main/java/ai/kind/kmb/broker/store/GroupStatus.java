package ai.kind.kmb.broker.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A durable's group on a shared store, as the store sees it at one moment: the last offset any node
 * claimed from the log, and the messages claimed and not yet settled, by the node that holds the
 * claim. A claim released or abandoned by a node stays under that node's name until another node
 * takes it over. The claims are in node name order.
 */
public record GroupStatus(long position, Map<String, Long> claimedByNode) {
    public GroupStatus {
        claimedByNode = Collections.unmodifiableSortedMap(new TreeMap<>(claimedByNode));
    }

    /** Claimed and unsettled across every node. */
    public long claimed() {
        return claimedByNode.values().stream().mapToLong(Long::longValue).sum();
    }
}
