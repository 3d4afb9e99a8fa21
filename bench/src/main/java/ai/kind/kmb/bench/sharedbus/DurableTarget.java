package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Somewhere durable to publish to and consume from: a KMB broker on one of its stores, or a peer
 * used directly. The suite drives every one through this alone, with the same 256-byte payloads.
 * Closing it removes everything it created on a shared server (keys, stream, schema).
 */
interface DurableTarget extends AutoCloseable {
    /** KMB on the shared-bus stores first, then the peers, then KMB's embedded store for reference. */
    List<String> NAMES = List.of("kmb-redis", "kmb-postgres", "redis-xadd", "jetstream", "kmb-sqlite");

    /** What a durable subscriber does with a message; called on one thread at a time, in publish order. */
    @FunctionalInterface
    interface Sink {
        /** {@code payload} decodes the message's JSON payload; only tests look at it. */
        void received(Supplier<JsonNode> payload);
    }

    /**
     * Opens the target.
     *
     * @param runId makes key prefixes, stream, subject and schema names unique, since other people's
     *              work shares these servers
     */
    static DurableTarget open(String name, String runId) {
        return switch (name) {
            case "kmb-redis" -> KmbTarget.onRedis(runId);
            case "kmb-postgres" -> KmbTarget.onPostgres(runId);
            case "kmb-sqlite" -> KmbTarget.onSqlite(runId);
            case "redis-xadd" -> new RedisXaddTarget(runId);
            case "jetstream" -> new JetStreamTarget(runId);
            default -> throw new IllegalArgumentException("no durable target called '" + name + "'; targets: " + NAMES);
        };
    }

    /** Why {@code name} cannot run here (its server does not answer), if it cannot. */
    static Optional<String> problem(String name) {
        return switch (name) {
            case "kmb-redis", "redis-xadd" -> Service.REDIS.problem();
            case "kmb-postgres" -> Service.POSTGRES.problem();
            case "jetstream" -> Service.NATS.problem();
            default -> Optional.empty();
        };
    }

    /** Publishes durably; completes once the target acknowledged that it stored the message. */
    CompletableFuture<?> publish(ObjectNode payload);

    /**
     * Starts a durable subscriber of its own under {@code name}, receiving what is published from
     * now on and acknowledging each message once {@code sink} returned. Close it to stop it.
     */
    AutoCloseable subscribe(String name, Sink sink);

    @Override
    void close();
}
