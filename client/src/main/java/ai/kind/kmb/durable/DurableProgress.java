package ai.kind.kmb.durable;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a durable consumer is through the log, and what it took and has not settled. A broker
 * alone on its store keeps the consumer's own cursor ({@link OneNode}); on a shared bus the
 * durable's group in the shared store has one position for every node ({@link SharedGroup}).
 */
public sealed interface DurableProgress {

    /** The last offset the durable took from the log: every message up to it was handed out or skipped. */
    long position();

    /** Messages taken and not yet acknowledged or dead-lettered. */
    long unsettled();

    /** A broker alone on its store: every offset up to {@code ackFloor} is settled. */
    record OneNode(long position, long ackFloor, long unsettled) implements DurableProgress {
    }

    /**
     * A shared bus: the messages claimed and not settled, by the node holding each claim, in node
     * name order. A node that released or stopped renewing a claim keeps it under its name until
     * another node takes the message over.
     */
    record SharedGroup(long position, Map<String, Long> claimedByNode) implements DurableProgress {
        public SharedGroup {
            claimedByNode = Collections.unmodifiableSortedMap(new TreeMap<>(claimedByNode));
        }

        @Override
        public long unsettled() {
            return claimedByNode.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
