package ai.kind.kmb.bench.network;

/**
 * Connects the peers' clients. It owns the kmbd process KMB's clients talk to, started on first
 * use and kept for the whole run, so that KMB's server is as warm for each measurement as the
 * peers' long-running servers are.
 */
final class Peers implements AutoCloseable {
    private KmbdProcess kmbd;

    /**
     * Connects a publisher and {@code subscribers} subscribers and waits until every subscription
     * is in place on the server, so nothing published afterwards can miss one.
     *
     * @param name  one of {@link PubSub#NAMES}
     * @param runId makes the subject unique, since other people's work shares these servers
     */
    PubSub connect(String name, String runId, int subscribers, PubSub.Sink sink) {
        return switch (name) {
            case "kmb" -> new KmbPubSub(kmbd().url(), "bench.net." + runId, subscribers, sink);
            case "nats" -> new NatsPubSub("kmb-bench." + runId, subscribers, sink);
            case "redis" -> new RedisPubSub("kmb-bench:" + runId, subscribers, sink);
            case "mqtt" -> new MqttPubSub("kmb-bench/" + runId, runId, subscribers, sink);
            default -> throw new IllegalArgumentException("no peer called '" + name + "'; peers: " + PubSub.NAMES);
        };
    }

    private synchronized KmbdProcess kmbd() {
        if (kmbd == null) {
            kmbd = KmbdProcess.start();
        }
        return kmbd;
    }

    @Override
    public synchronized void close() {
        if (kmbd != null) {
            kmbd.close();
        }
    }
}
