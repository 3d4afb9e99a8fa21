package ai.kind.kmb.app.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RemoteConnection;
import ai.kind.kmb.ui.durables.DurablesModel;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The durables view's model on a real broker: in process, a durable holding deliveries it has not
 * acknowledged, then deleted; over REST with auth on, a delete the server refuses to a token
 * without the admin permission, said as the view says it.
 */
class DurablesOnBrokerTest {
    private static final String SECRET = "durables-test-secret-of-32-bytes!!";
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final EmbeddedConnection agent = new EmbeddedConnection(broker, "agent");

    @AfterEach
    void stop() {
        agent.close();
        broker.close();
    }

    @Test
    void aDurableHoldingUnacknowledgedDeliveriesIsShownThenDeleted() throws Exception {
        agent.subscribe(SubscribeOptions.durable("workers", "jobs.#").withGroup("pool").withAckMode(AckMode.MANUAL),
                delivery -> { });
        for (int i = 0; i < 2; i++) {
            agent.publish(Envelope.event("jobs.run", Json.object().put("n", i)), PublishOptions.DURABLE).join();
        }
        try (EmbeddedConnection studio = new EmbeddedConnection(broker, "studio")) {
            DurablesModel model = new DurablesModel(CurrentConnection.of(studio), UiExecutors.direct(), Clock.systemUTC());
            showsThenDeletes(model);
        }
    }

    private void showsThenDeletes(DurablesModel model) throws Exception {
        await(() -> {
            model.refresh();
            return !model.durables().isEmpty() && model.durables().getFirst().here().inFlight() == 2;
        });
        DurableInfo workers = model.durables().getFirst();
        assertThat(workers.group()).isEqualTo("pool");
        assertThat(workers.unsettled()).isEqualTo(2);
        assertThat(workers.here().members()).isEqualTo(1);
        assertThat(model.summaryProperty().get()).startsWith("1 durable · 2 unsettled · 1 member here");

        model.select(workers);
        model.delete();

        assertThat(model.noticeProperty().get()).as(model.actionErrorProperty().get()).isEqualTo("Deleted durable workers");
        assertThat(model.durables()).isEmpty();
        assertThat(broker.durables().list()).isEmpty();
    }

    @Test
    void overRestWithoutTheAdminPermissionTheRefusedDeleteIsSaid() throws Exception {
        agent.subscribe(SubscribeOptions.durable("workers", "jobs.#"), delivery -> { });
        try (KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0).withAuth(AuthSettings.hmac(SECRET)),
                "kmbd-durables");
             RemoteConnection remote = RemoteConnection.open(RemoteBusOptions.defaults(URI.create(server.url()))
                     .withToken(token("studio", false)))) {
            DurablesModel model = new DurablesModel(CurrentConnection.of(remote), UiExecutors.direct(), Clock.systemUTC());

            model.refresh();
            assertThat(model.errorProperty().get()).isEmpty();
            assertThat(model.durables()).extracting(DurableInfo::name).containsExactly("workers");
            model.select(model.durables().getFirst());
            model.delete();

            assertThat(model.actionErrorProperty().get()).startsWith("Deleting durable workers failed: forbidden: ")
                    .endsWith("Deleting a durable needs a token with the admin permission.");
            assertThat(broker.durables().list()).hasSize(1);
        }
    }

    /** A token that may publish and subscribe to {@code jobs.#}, with or without the admin permission. */
    private static String token(String subject, boolean admin) throws Exception {
        List<String> jobs = List.of("jobs.#");
        Map<String, Object> kmb = Map.of("pub", Map.of("allow", jobs, "deny", List.of()),
                "sub", Map.of("allow", jobs, "deny", List.of()), "admin", admin);
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).claim("kmb", kmb).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
