package ai.kind.kmb.broker;

import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.broker.delivery.LiveGroup;
import ai.kind.kmb.broker.delivery.LiveSubscription;
import ai.kind.kmb.broker.delivery.RouteTarget;
import ai.kind.kmb.broker.routing.TopicTrie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ephemeral subscriptions and queue groups, kept in the routing trie while they are open. */
final class LiveSubscriptions {
    /** Queue groups are keyed by filter and name, as NATS keys them by subject and queue. */
    private record GroupKey(String filter, String group) {
    }

    private final TopicTrie<RouteTarget> routes;
    private final Advisories advisories;
    private final Duration advisoryInterval;
    private final Map<GroupKey, LiveGroup> groups = new ConcurrentHashMap<>();
    private final Set<LiveSubscription> open = ConcurrentHashMap.newKeySet();

    LiveSubscriptions(TopicTrie<RouteTarget> routes, Advisories advisories, Duration advisoryInterval) {
        this.routes = routes;
        this.advisories = advisories;
        this.advisoryInterval = advisoryInterval;
    }

    Subscription subscribe(String id, SubscribeOptions options, MessageHandler handler) {
        TopicFilter filter = options.topicFilter();
        if (options.group() == null) {
            LiveSubscription subscription = new LiveSubscription(id, options, handler, advisories, advisoryInterval,
                    closed -> {
                        routes.remove(filter, closed);
                        open.remove(closed);
                    });
            open.add(subscription);
            routes.add(filter, subscription);
            return subscription;
        }
        GroupKey key = new GroupKey(options.filter(), options.group());
        LiveSubscription member = new LiveSubscription(id, options, handler, advisories, advisoryInterval,
                closed -> leave(key, filter, closed));
        open.add(member);
        groups.compute(key, (k, group) -> {
            LiveGroup joined = group == null ? new LiveGroup() : group;
            joined.add(member);
            if (group == null) {
                routes.add(filter, joined);
            }
            return joined;
        });
        return member;
    }

    private void leave(GroupKey key, TopicFilter filter, LiveSubscription member) {
        open.remove(member);
        groups.computeIfPresent(key, (k, group) -> {
            if (group.remove(member)) {
                routes.remove(filter, group);
                return null;
            }
            return group;
        });
    }

    void closeAll() {
        List.copyOf(open).forEach(LiveSubscription::close);
    }
}
