package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;

/**
 * One way to hand every published message to several subscribers, each on a thread of its own.
 * The benchmarks drive KMB and its peers through this alone, so they all run the same loop.
 */
interface FanOut extends AutoCloseable {

    /** What a subscriber does with a message; called on that subscriber's own thread. */
    @FunctionalInterface
    interface Sink {
        void received(int subscriber, Envelope message);
    }

    /**
     * Starts {@code subscribers} subscribers.
     *
     * @param name     {@code kmb}, {@code queue}, {@code queue-virtual} or {@code vertx}
     * @param capacity how many messages each subscriber may have waiting; the same for every peer
     */
    static FanOut create(String name, int subscribers, int capacity, Sink sink) {
        return switch (name) {
            case "kmb" -> new KmbFanOut(subscribers, capacity, sink);
            case "queue" -> new QueueFanOut(subscribers, capacity, sink, false);
            case "queue-virtual" -> new QueueFanOut(subscribers, capacity, sink, true);
            case "vertx" -> new VertxFanOut(subscribers, sink);
            default -> throw new IllegalArgumentException("no fan-out called '" + name + "'");
        };
    }

    /** Publishes one message to every subscriber, without waiting for any of them. */
    void publish(Envelope message);

    /**
     * Deliveries given up so far because a subscriber's buffer was full. Reported when a batch
     * never completes, so a hang says why instead of just timing out.
     */
    long dropped();

    @Override
    void close();
}
