package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.security.TestTokens;
import com.fasterxml.jackson.databind.node.TextNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK against a server that requires tokens: who gets in, and what the broker says about them. */
class RemoteAuthTest {
    private final SecuredServer server = new SecuredServer();

    @AfterEach
    void close() {
        server.close();
    }

    private static JWTClaimsSet.Builder claims() {
        List<String> agents = List.of("agent.#");
        return TestTokens.claims("agent-7", TestTokens.permissions(agents, List.of(), agents, List.of(), false))
                .audience("kmb");
    }

    @Test
    void aValidTokenConnectsAndTheBrokerStampsWhoPublished() throws Exception {
        try (RemoteBus bus = server.connect(TestTokens.hs256(claims().build()))) {
            BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
            bus.subscribe(SubscribeOptions.ephemeral("agent.#"), received::add);
            Metadata forged = Metadata.EMPTY.withAuth(new Metadata.Auth("kOS", "root"));

            bus.publish(Envelope.event("agent.health", TextNode.valueOf("ok")).withMetadata(forged),
                    PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS);

            Delivery delivery = received.poll(5, TimeUnit.SECONDS);
            assertThat(delivery).isNotNull();
            assertThat(delivery.message().metadata().auth()).isEqualTo(new Metadata.Auth("kOS", "agent-7"));
        }
    }

    @Test
    void badTokensAreRefusedAsUnauthorized() throws Exception {
        Instant now = Instant.now();
        String valid = TestTokens.hs256(claims().build());
        List<String> bad = List.of(
                valid.substring(0, valid.lastIndexOf('.') + 1) + "Zm9yZ2Vk",
                TestTokens.hs256(claims().expirationTime(Date.from(now.minusSeconds(300))).build()),
                TestTokens.hs256(claims().notBeforeTime(Date.from(now.plusSeconds(300))).build()),
                TestTokens.hs256(claims().audience("another-bus").build()),
                new PlainJWT(claims().build()).serialize(),
                TestTokens.sign(new MACSigner("a-different-secret-of-32-bytes-or-more"), JWSAlgorithm.HS256, null,
                        claims().build()));

        for (String token : bad) {
            assertThatThrownBy(() -> server.connect(token).close())
                    .isInstanceOfSatisfying(KmbException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        }
    }

    @Test
    void withoutATokenNothingButHelloIsTaken() {
        assertThatThrownBy(() -> server.connect(null).publish(Envelope.event("agent.x", TextNode.valueOf("x")))
                .get(5, TimeUnit.SECONDS))
                .hasMessageContaining("requires authentication");
    }

    @Test
    void publishingOrSubscribingOutsideThePermissionsIsForbidden() throws Exception {
        try (RemoteBus bus = server.connect(TestTokens.hs256(claims().build()))) {
            assertThatThrownBy(() -> bus.publish(Envelope.event("billing.charge", TextNode.valueOf("x")),
                    PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(KmbException.class)
                    .hasMessageContaining("publish permission for 'billing.charge'");
            assertThatThrownBy(() -> bus.subscribe(SubscribeOptions.ephemeral("billing.#"), delivery -> { }))
                    .isInstanceOfSatisfying(KmbException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                    .hasMessageContaining("subscribe");
        }
    }
}
