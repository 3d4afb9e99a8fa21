package ai.kind.kmb.broker;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.delivery.RouteTarget;
import ai.kind.kmb.broker.routing.TopicTrie;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The broker's routing trie, which also keeps the filters its responders listen on (targets that
 * are not observers, counted per filter), so that the other nodes of a shared bus can be told when
 * that set changes. Matching takes no lock, as the trie's does; changes are serialised.
 */
final class Routes {
    private final TopicTrie<RouteTarget> trie = new TopicTrie<>();
    private final Map<String, Integer> responderFilters = new HashMap<>();
    private final Runnable respondersChanged;

    /** {@code respondersChanged} runs after a change to the set of responder filters; it must not block. */
    Routes(Runnable respondersChanged) {
        this.respondersChanged = respondersChanged;
    }

    Set<RouteTarget> match(String topic) {
        return trie.match(topic);
    }

    void add(TopicFilter filter, RouteTarget target) {
        boolean changed;
        synchronized (this) {
            changed = trie.add(filter, target) && target.responder()
                    && responderFilters.merge(filter.text(), 1, Integer::sum) == 1;
        }
        if (changed) {
            respondersChanged.run();
        }
    }

    void remove(TopicFilter filter, RouteTarget target) {
        boolean changed;
        synchronized (this) {
            changed = trie.remove(filter, target) && target.responder()
                    && responderFilters.merge(filter.text(), -1, (count, less) -> count + less == 0 ? null
                    : count + less) == null;
        }
        if (changed) {
            respondersChanged.run();
        }
    }

    /** The filters at least one responder listens on now. */
    synchronized Set<String> responderFilters() {
        return Set.copyOf(responderFilters.keySet());
    }
}
