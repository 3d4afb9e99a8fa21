package ai.kind.kmb.broker.net;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.store.memory.InMemoryStore;

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
