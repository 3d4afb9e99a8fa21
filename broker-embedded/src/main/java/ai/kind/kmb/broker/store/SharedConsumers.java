package ai.kind.kmb.broker.store;

import java.util.Optional;

/**
 * A store whose durable consumers several nodes serve at once. Each durable has one position on
 * the log for the whole bus, and every message past it goes to one node at a time: the node that
 * claimed it. Implemented by the stores nodes share (Redis, PostgreSQL); the single-node stores keep
 * a durable's position in its {@link ConsumerState} instead.
 */
public interface SharedConsumers {

    /**
     * Joins the group of durable {@code durable} as member {@code node} (this node's id), creating
     * the group when it is new, positioned after offset {@code startAfter}; an existing group keeps
     * its position. Deleting the consumer ({@link ConsumerPositions#deleteConsumer}) deletes its
     * group and claims too.
     */
    ConsumerClaims join(String durable, String node, long startAfter);

    /**
     * The group of durable {@code durable} as it stands, for people to look at; empty when there is
     * none (never joined, deleted, or lost by the server). Reads only: it joins nothing.
     */
    Optional<GroupStatus> status(String durable);
}
