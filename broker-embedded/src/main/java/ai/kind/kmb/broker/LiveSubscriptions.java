package ai.kind.kmb.broker;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.cluster.QueueGroup;
import ai.kind.kmb.broker.cluster.Responders;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.broker.delivery.LiveGroup;
import ai.kind.kmb.broker.delivery.LiveSubscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ephemeral subscriptions and queue groups, kept in the routing trie while they are open. Queue
 * groups are keyed by filter and name, as NATS keys them by subject and queue; on a shared bus the
 * other nodes are told when this node gains its first member of a group or loses its last, and
 * which node delivers a message to a group is theirs and this node's common answer
 * ({@link Responders#deliversHere}).
 */
final class LiveSubscriptions {
    private final Routes routes;
    private final Advisories advisories;
    private final Duration advisoryInterval;
    private final Responders nodes;
    private final Map<QueueGroup, LiveGroup> groups = new ConcurrentHashMap<>();
    private final Set<LiveSubscription> open = ConcurrentHashMap.newKeySet();

    LiveSubscriptions(Routes routes, Advisories advisories, Duration advisoryInterval, Responders nodes) {
        this.routes = routes;
        this.advisories = advisories;
        this.advisoryInterval = advisoryInterval;
        this.nodes = nodes;
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
        if (options.observer()) {
            // A member takes its share of the work; an observer watches every message and answers none.
            throw new KmbException(ErrorCode.BAD_REQUEST, "observe is for watching every message, so an observer "
                    + "cannot join queue group '" + options.group() + "'; subscribe without observe to share "
                    + "the group's messages");
        }
        QueueGroup key = new QueueGroup(options.filter(), options.group());
        LiveSubscription member = new LiveSubscription(id, options, handler, advisories, advisoryInterval,
                closed -> leave(key, filter, closed));
        open.add(member);
        boolean[] formed = {false};
        groups.compute(key, (k, group) -> {
            LiveGroup joined = group == null ? new LiveGroup(messageId -> nodes.deliversHere(key, messageId)) : group;
            joined.add(member);
            if (group == null) {
                routes.add(filter, joined);
                formed[0] = true;
            }
            return joined;
        });
        if (formed[0]) {
            nodes.changed();
        }
        return member;
    }

    private void leave(QueueGroup key, TopicFilter filter, LiveSubscription member) {
        open.remove(member);
        boolean[] gone = {false};
        groups.computeIfPresent(key, (k, group) -> {
            if (group.remove(member)) {
                routes.remove(filter, group);
                gone[0] = true;
                return null;
            }
            return group;
        });
        if (gone[0]) {
            nodes.changed();
        }
    }

    /** The queue groups this node has members of now. */
    Set<QueueGroup> groups() {
        return Set.copyOf(groups.keySet());
    }

    void closeAll() {
        List.copyOf(open).forEach(LiveSubscription::close);
    }
}
