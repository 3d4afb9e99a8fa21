package ai.kind.kmb.broker.routing;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The subscriptions of a broker, keyed by filter segment, so that routing a topic walks only the
 * branches the topic can reach instead of testing every filter. Its answers are exactly those of
 * {@link TopicFilter#matches}: {@code *} is one segment, {@code #} zero or more, and a filter whose
 * first segment is a wildcard never matches a system topic.
 *
 * <p>Matching runs the trie as an automaton over the topic's segments: after each segment it holds
 * the set of nodes reached, each node once, and a {@code #} node stays in that set while it consumes
 * segments. Following paths one by one instead would blow up on filters such as {@code #.#.#} or
 * {@code #.a.#.a.#}, where the number of ways to split a topic grows exponentially. Holding each
 * node once is also what makes a filter that matches through two paths deliver once.
 *
 * <p>Threads: {@link #match} takes no lock, so publishers on many threads never wait for each
 * other. Writers take one lock between them and change nodes in ways a concurrent reader always
 * sees whole (see {@link TrieNode}). A match running alongside a change sees that registration
 * either before or after it; it is not one atomic snapshot across several changes.
 *
 * @param <S> the subscriber; compared with {@code equals}, so a subscriber holding two filters that
 *            both match a topic is returned once
 */
public final class TopicTrie<S> {
    private final TrieNode<S> root = new TrieNode<>("");
    private final Object writeLock = new Object();
    private volatile int size;

    /**
     * Registers the subscriber under the filter; registering the same pair again changes nothing.
     * Returns false if the pair was already there.
     */
    public boolean add(TopicFilter filter, S subscriber) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (writeLock) {
            TrieNode<S> node = root;
            for (String segment : filter.segments()) {
                node = node.childOrCreate(segment);
            }
            if (!node.addSubscriber(subscriber)) {
                return false;
            }
            size++;
            return true;
        }
    }

    /**
     * Removes one registration, and the nodes it leaves unused, so that a trie whose subscriptions
     * come and go does not keep every filter it ever saw. Returns false if the pair was not there.
     */
    public boolean remove(TopicFilter filter, S subscriber) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscriber, "subscriber");
        List<String> segments = filter.segments();
        synchronized (writeLock) {
            List<TrieNode<S>> path = new ArrayList<>(segments.size() + 1);
            TrieNode<S> node = root;
            path.add(node);
            for (String segment : segments) {
                node = node.child(segment);
                if (node == null) {
                    return false;
                }
                path.add(node);
            }
            if (!node.removeSubscriber(subscriber)) {
                return false;
            }
            size--;
            for (int depth = segments.size(); depth > 0 && path.get(depth).isUnused(); depth--) {
                path.get(depth - 1).removeChild(segments.get(depth - 1));
            }
            return true;
        }
    }

    /**
     * The subscribers with at least one filter matching the topic, each once, in a new set the
     * caller owns. The topic is split as {@link TopicFilter#matches} splits it and is not checked
     * against the naming rules; the broker does that when a message is published.
     */
    public Set<S> match(String topic) {
        String[] segments = topic.split("\\.", -1);
        boolean system = Topics.isSystem(topic);
        Frontier<S> current = new Frontier<>();
        Frontier<S> next = new Frontier<>();
        if (system) {
            current.reachWithoutAny(root);
        } else {
            current.reach(root);
        }
        for (String segment : segments) {
            next.clear();
            for (TrieNode<S> node : current.nodes) {
                if (node.isAnyWildcard()) {
                    next.reach(node);
                }
                TrieNode<S> literal = node.literalChild(segment);
                if (literal != null) {
                    next.reach(literal);
                }
                TrieNode<S> one = node.oneChild();
                if (one != null && !(system && node == root)) {
                    next.reach(one);
                }
            }
            if (next.nodes.isEmpty()) {
                return new HashSet<>();
            }
            Frontier<S> reached = next;
            next = current;
            current = reached;
        }
        Set<S> matched = new HashSet<>();
        for (TrieNode<S> node : current.nodes) {
            matched.addAll(node.subscribers());
        }
        return matched;
    }

    /** The number of distinct (filter, subscriber) registrations. */
    public int size() {
        return size;
    }

    /** Nodes below the root; lets tests check that removal leaves nothing behind. */
    int nodeCount() {
        return root.descendantCount();
    }

    /**
     * The nodes reached after some number of topic segments, each at most once. Only {@code #}
     * nodes can be reached twice in one step (by consuming one more segment, and anew from a parent
     * that a previous {@code #} let through at a different position), so only they are checked
     * against a set; every other node has one parent, which is itself here once.
     */
    private static final class Frontier<S> {
        final List<TrieNode<S>> nodes = new ArrayList<>();
        private final Set<TrieNode<S>> anyNodes = new HashSet<>();

        /** Adds the node and, because {@code #} may match zero segments, the {@code #} chain below it. */
        void reach(TrieNode<S> node) {
            for (TrieNode<S> at = node; at != null; at = at.anyChild()) {
                if (at.isAnyWildcard() && !anyNodes.add(at)) {
                    return;
                }
                nodes.add(at);
            }
        }

        /** Adds the node alone: a system topic must not enter a {@code #} at the first segment. */
        void reachWithoutAny(TrieNode<S> node) {
            nodes.add(node);
        }

        void clear() {
            nodes.clear();
            anyNodes.clear();
        }
    }
}
