package ai.kind.kmb.broker.cluster;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * Which node of those with members of a queue group delivers a message: rendezvous hashing (highest
 * random weight) of the message id and each node id. Every node computes the same answer from the
 * same set of nodes, with no word between them. A node joining or leaving moves only the messages
 * it wins or won, so while two nodes' views differ by one node, only the messages that node would
 * win reach two members or none; picking by position in the sorted list would move most of them.
 */
final class GroupPick {
    private GroupPick() {
    }

    /**
     * Whether {@code node} delivers {@code messageId} rather than any of {@code rivals} that
     * {@code counts}: of a set of nodes, exactly one wins each message, whichever of them asks.
     */
    static boolean wins(String messageId, String node, Collection<String> rivals, Predicate<String> counts) {
        int id = messageId.hashCode();
        long mine = score(id, node);
        for (String rival : rivals) {
            if (counts.test(rival)) {
                long theirs = score(id, rival);
                if (theirs > mine || theirs == mine && rival.compareTo(node) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** MurmurHash3's 64-bit finaliser over both 32-bit hashes: a bijection, so pairs spread evenly. */
    private static long score(int messageHash, String node) {
        long k = ((long) messageHash << 32) | (node.hashCode() & 0xffffffffL);
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
