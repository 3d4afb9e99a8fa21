package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Bus;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.store.MessageStore;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Nodes of one shared bus in this JVM, each one kmbd's worth (a broker on the shared store behind a
 * server on a free port), and SDK clients connected to them; closing closes them all, newest first.
 */
final class TestNodes implements AutoCloseable {
    /** One node; {@code id} is its link's node id. */
    record Node(String id, Broker broker, KmbServer server) {
    }

    private final List<AutoCloseable> open = new ArrayList<>();

    Node start(MessageStore store, BiFunction<MessageStore, String, NodeLink> link) {
        String id = UUID.randomUUID().toString();
        Broker broker = new Broker(store, BrokerOptions.defaults(), Clock.systemUTC(), new PublishPipeline(),
                link.apply(store, id));
        open.add(broker);
        KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-test");
        open.add(server);
        return new Node(id, broker, server);
    }

    /** An SDK client connected to the node's server. */
    Bus client(Node node) {
        return sdk(node).bus();
    }

    /** The same, with the SDK's commands and queries. */
    KmbClient sdk(Node node) {
        KmbClient client = KmbClient.connect(URI.create(node.server().url()));
        open.add(client);
        return client;
    }

    /** Closes one node, its server first, as kmbd shuts down; its clients stay open, disconnected. */
    void stop(Node node) {
        node.server().close();
        node.broker().close();
        open.remove(node.server());
        open.remove(node.broker());
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : open.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + closeable + " failed", e);
            }
        }
        open.clear();
    }
}
