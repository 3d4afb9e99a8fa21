package ai.kind.kmb.broker;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.delivery.RouteTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refuses a request (command, query, transaction prepare) that only observers or nobody would hear,
 * with {@code no_responders}: from this node's routes, and on a shared bus from the responders the
 * other nodes list (see {@link ai.kind.kmb.broker.cluster.Responders}).
 */
final class NoResponders {
    /** How long a subscribe waits for the other nodes to be able to see a new responder. */
    private static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(5);
    private static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);

    private final Routes routes;
    private final NodeLink link;

    NoResponders(Routes routes, NodeLink link) {
        this.routes = routes;
        this.link = link;
    }

    /** Completes when someone would answer the message (or it asks nothing); fails with {@code no_responders}. */
    CompletableFuture<Void> check(Envelope message) {
        boolean prepare = message.type() == MessageType.TRANSACTIONAL && "prepare".equals(message.metadata().status());
        boolean asks = message.type() == MessageType.COMMAND || message.type() == MessageType.QUERY || prepare;
        if (!asks || routes.match(message.topic()).stream().anyMatch(RouteTarget::responder)) {
            return ANSWERED;
        }
        return link.responders().respondsElsewhere(message.topic()).thenCompose(found -> found ? ANSWERED
                : CompletableFuture.failedFuture(new KmbException(ErrorCode.NO_RESPONDERS, "no subscriber for "
                        + message.type().wireName() + (prepare ? " prepare" : "") + " on '" + message.topic() + "'")));
    }

    /** All of them answered, or the first failure. */
    CompletableFuture<Void> checkAll(List<Envelope> messages) {
        return CompletableFuture.allOf(messages.stream().map(this::check).toArray(CompletableFuture[]::new));
    }

    /**
     * After a responder subscribed on a shared bus: waits until the other nodes can see it, so that a
     * request sent through another node once the subscribe has returned finds it. If the shared server
     * cannot be told in time the subscription stands anyway; the link goes on trying.
     */
    void announce() {
        if (!link.shared()) {
            return;
        }
        try {
            link.responders().changed().get(ANNOUNCE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The link logs what went wrong and keeps trying; the subscription itself is fine.
        }
    }
}
