package ai.kind.kmb.broker.routing;

import ai.kind.kmb.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One filter segment in a {@link TopicTrie}. Readers walk nodes without a lock, so every field a
 * reader touches is volatile or a concurrent map, and the subscriber list is replaced, never
 * changed in place. Only the trie's single writer (it holds the write lock) calls the mutators.
 */
final class TrieNode<S> {
    private final boolean anyWildcard;
    // Created on the first literal child: most nodes are leaves, and an empty map per leaf adds up.
    private volatile Map<String, TrieNode<S>> literals;
    // The two wildcards get fields of their own so matching never hashes "*" or "#".
    private volatile TrieNode<S> one;
    private volatile TrieNode<S> any;
    // Copy on write: a node rarely holds more than a few subscribers, and matching is the hot path.
    private volatile List<S> subscribers = List.of();

    TrieNode(String segment) {
        this.anyWildcard = TopicFilter.ANY.equals(segment);
    }

    /** True for a {@code #} node, which may consume any number of further topic segments. */
    boolean isAnyWildcard() {
        return anyWildcard;
    }

    TrieNode<S> literalChild(String topicSegment) {
        Map<String, TrieNode<S>> children = literals;
        return children == null ? null : children.get(topicSegment);
    }

    TrieNode<S> oneChild() {
        return one;
    }

    TrieNode<S> anyChild() {
        return any;
    }

    List<S> subscribers() {
        return subscribers;
    }

    /** The child for a filter segment, which may itself be a wildcard. */
    TrieNode<S> child(String filterSegment) {
        return switch (filterSegment) {
            case TopicFilter.ONE -> one;
            case TopicFilter.ANY -> any;
            default -> literalChild(filterSegment);
        };
    }

    TrieNode<S> childOrCreate(String filterSegment) {
        TrieNode<S> existing = child(filterSegment);
        if (existing != null) {
            return existing;
        }
        // Fully built before it is published, so a reader never sees a half-made node.
        TrieNode<S> created = new TrieNode<>(filterSegment);
        switch (filterSegment) {
            case TopicFilter.ONE -> one = created;
            case TopicFilter.ANY -> any = created;
            default -> {
                if (literals == null) {
                    literals = new ConcurrentHashMap<>();
                }
                literals.put(filterSegment, created);
            }
        }
        return created;
    }

    void removeChild(String filterSegment) {
        switch (filterSegment) {
            case TopicFilter.ONE -> one = null;
            case TopicFilter.ANY -> any = null;
            default -> {
                Map<String, TrieNode<S>> children = literals;
                if (children != null) {
                    children.remove(filterSegment);
                    if (children.isEmpty()) {
                        literals = null;
                    }
                }
            }
        }
    }

    boolean addSubscriber(S subscriber) {
        List<S> current = subscribers;
        if (current.contains(subscriber)) {
            return false;
        }
        List<S> grown = new ArrayList<>(current.size() + 1);
        grown.addAll(current);
        grown.add(subscriber);
        subscribers = List.copyOf(grown);
        return true;
    }

    boolean removeSubscriber(S subscriber) {
        List<S> current = subscribers;
        if (!current.contains(subscriber)) {
            return false;
        }
        List<S> shrunk = new ArrayList<>(current);
        shrunk.remove(subscriber);
        subscribers = List.copyOf(shrunk);
        return true;
    }

    /** True when nothing is subscribed here or below, so the node can be cut from its parent. */
    boolean isUnused() {
        return subscribers.isEmpty() && one == null && any == null && literals == null;
    }

    /** Nodes below this one; for tests that check removal leaves nothing behind. */
    int descendantCount() {
        int count = 0;
        for (TrieNode<S> child : children()) {
            count += 1 + child.descendantCount();
        }
        return count;
    }

    private List<TrieNode<S>> children() {
        List<TrieNode<S>> children = new ArrayList<>();
        Map<String, TrieNode<S>> map = literals;
        if (map != null) {
            children.addAll(map.values());
        }
        TrieNode<S> oneNode = one;
        if (oneNode != null) {
            children.add(oneNode);
        }
        TrieNode<S> anyNode = any;
        if (anyNode != null) {
            children.add(anyNode);
        }
        return children;
    }
}
