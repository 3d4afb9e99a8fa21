package ai.kind.kmb.broker;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.stats.TopicStatistics;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where an accepted message goes: the store when durable, the other nodes when ephemeral, then
 * this node's subscriptions. A request with nobody to answer it anywhere goes nowhere. What comes
 * before (the pipeline, the dedup window, the durability default) is the {@link Broker}'s.
 */
final class Publisher {
    private final MessageStore store;
    private final NodeLink link;
    private final Routes routes;
    private final NoResponders noResponders;
    private final TopicStatistics topicStatistics;
    private final Clock clock;
    private final Duration dedupWindow;

    Publisher(MessageStore store, NodeLink link, Routes routes, NoResponders noResponders,
              TopicStatistics topicStatistics, Clock clock, Duration dedupWindow) {
        this.store = store;
        this.link = link;
        this.routes = routes;
        this.noResponders = noResponders;
        this.topicStatistics = topicStatistics;
        this.clock = clock;
        this.dedupWindow = dedupWindow;
    }

    /** Publishes without a dedup check: for new ids, and for requeued dead letters that keep theirs. */
    CompletableFuture<PublishAck> publish(Envelope message, boolean durable) {
        return noResponders.check(message).thenCompose(answered -> durable
                ? store.append(message, clock.instant()).thenApply(this::routeAppended)
                : broadcast(List.of(message)).thenApply(sent -> route(message, PublishAck.NOT_STORED)));
    }

    /** A durable publish on a shared log whose id another node may have stored within the dedup window. */
    CompletableFuture<PublishAck> publishOnce(Envelope message) {
        Instant now = clock.instant();
        return noResponders.check(message)
                .thenCompose(answered -> store.appendOnce(message, now, now.minus(dedupWindow)))
                .thenApply(appended -> appended.repeat()
                        ? new PublishAck(message.id(), appended.message().offset(), true)
                        : routeAppended(appended.message()));
    }

    /**
     * Delivers a committed transaction: nothing if any of its requests has nobody to answer it;
     * otherwise all of it, in order, after one atomic append when durable.
     */
    CompletableFuture<List<PublishAck>> commit(List<Envelope> messages, boolean durable) {
        return noResponders.checkAll(messages).thenCompose(answered -> durable
                ? store.appendAll(messages, clock.instant())
                        .thenApply(stored -> stored.stream().map(this::routeAppended).toList())
                : broadcast(messages).thenApply(sent -> sent.stream()
                        .map(message -> route(message, PublishAck.NOT_STORED)).toList()));
    }

    /** Delivers to this node's subscriptions and counts the topic. */
    PublishAck route(Envelope message, long offset) {
        routes.match(message.topic()).forEach(target -> target.offer(message, offset));
        topicStatistics.record(message.topic());
        return new PublishAck(message.id(), offset, false);
    }

    /** Ephemeral messages go to the other nodes of a shared bus first; a link that is down refuses them. */
    private CompletableFuture<List<Envelope>> broadcast(List<Envelope> messages) {
        try {
            messages.forEach(link::broadcast);
            return CompletableFuture.completedFuture(messages);
        } catch (KmbException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Routed after the write: subscriptions may have come or gone while it was being synced. On a
     * shared bus the link's tail of the log routes every appended message, this node's own included.
     */
    private PublishAck routeAppended(StoredMessage stored) {
        if (!link.shared()) {
            route(stored.envelope(), stored.offset());
        }
        return new PublishAck(stored.envelope().id(), stored.offset(), false);
    }
}
