package ai.kind.kmb.broker.net;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.registry.UnknownTopics;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.nio.file.Path;

/** A broker on an in-memory store behind a server on a free loopback port. */
final class TestServer implements AutoCloseable {
    final Broker broker;
    final KmbServer server;

    TestServer(ServerLimits limits) {
        this(limits, BrokerOptions.defaults());
    }

    TestServer(ServerLimits limits, BrokerOptions brokerOptions) {
        this.broker = Broker.start(new InMemoryStore(), brokerOptions);
        this.server = KmbServer.start(broker, ServerOptions.loopback(0).withLimits(limits), "kmbd-test");
    }

    TestServer() {
        this(ServerLimits.defaults());
    }

    /** With the topic registry of {@code registryDirectory} enforced on publish. */
    TestServer(Path registryDirectory) {
        this.broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        broker.useRegistry(TopicRegistry.load(registryDirectory, UnknownTopics.ALLOW));
        this.server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-test");
    }

    /** A server that checks client tokens as {@code auth} says. */
    TestServer(AuthSettings auth) {
        this.broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        this.server = KmbServer.start(broker, ServerOptions.loopback(0).withAuth(auth), "kmbd-test");
    }

    WsClient client() {
        return WsClient.connect(server.webSocketUrl());
    }

    String url(String path) {
        return server.url() + path;
    }

    @Override
    public void close() {
        server.close();
        broker.close();
    }
}
