package ai.kind.kmb.remote;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.security.TestTokens;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Duration;

/** A real server that requires HS256 tokens from {@link TestTokens} (issuer kOS, audience kmb). */
final class SecuredServer implements AutoCloseable {
    final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    final KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0).withAuth(
            AuthSettings.hmac(TestTokens.SECRET).withIssuer("kOS").withAudience("kmb")), "kmbd-auth-test");

    URI url() {
        return URI.create(server.url());
    }

    RemoteBusOptions options(String token) {
        return RemoteBusOptions.defaults(url()).withToken(token).withRequestTimeout(Duration.ofSeconds(5))
                .withReconnectMaxBackoff(Duration.ofMillis(200));
    }

    RemoteBus connect(String token) {
        return RemoteBus.connect(options(token));
    }

    @Override
    public void close() {
        server.close();
        broker.close();
    }
}
