package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One publisher and several subscribers on a server over loopback, each subscriber on a connection
 * of its own, all subscribed to one subject. The benchmarks drive KMB and its peers through this
 * alone, so every peer runs the same loop and carries the same 256-byte JSON payload.
 */
interface PubSub extends AutoCloseable {
    /** Every peer, KMB first: ratios compare it with the others. */
    List<String> NAMES = List.of("kmb", "nats", "redis", "mqtt");

    /** What a subscriber does with a message; called on that subscriber's delivery thread, in order. */
    @FunctionalInterface
    interface Sink {
        /** {@code payload} decodes the message's JSON payload; only tests look at it. */
        void received(int subscriber, Supplier<JsonNode> payload);
    }

    /** Why {@code name} cannot run here (its server does not answer), if it cannot. */
    static Optional<String> problem(String name) {
        return switch (name) {
            case "nats" -> Service.NATS.problem();
            case "redis" -> Service.REDIS.problem();
            case "mqtt" -> Service.MOSQUITTO.problem();
            default -> Optional.empty();
        };
    }

    /** Publishes one message to every subscriber, without waiting for any of them. */
    void publish(ObjectNode payload);

    /** Publishes the client reported as failed so far, as a sentence, or empty (clients that do not report). */
    default String failures() {
        return "";
    }

    @Override
    void close();
}
