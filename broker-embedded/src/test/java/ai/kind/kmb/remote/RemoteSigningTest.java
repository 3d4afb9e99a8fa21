package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.security.ConfiguredSignaturePolicy;
import ai.kind.kmb.broker.security.SignaturePolicy;
import ai.kind.kmb.broker.security.SignatureStep;
import ai.kind.kmb.broker.security.TestTokens;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.signing.KeyRegistry;
import ai.kind.kmb.signing.MessageSigner;
import ai.kind.kmb.signing.SignatureVerdict;
import ai.kind.kmb.signing.SignatureVerifier;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signed messages through a real server: the broker verifies, stamps its verdict and enforces the policy. */
class RemoteSigningTest {
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final KeyRegistry registry = new KeyRegistry(Map.of("agent-7-key",
            new KeyRegistry.Entry("agent-7", key.generatePublicKey())));
    private final MessageSigner signer = new MessageSigner("agent-7-key", key, Clock.systemUTC());
    private final SecuredServer server = new SecuredServer();

    @AfterEach
    void close() {
        server.close();
    }

    private void requireSignaturesOn(String filter, SignaturePolicy.OnFailure onFailure) {
        server.broker.pipeline().add(PublishStage.VALIDATION, new SignatureStep(new SignatureVerifier(registry),
                new ConfiguredSignaturePolicy(List.of(TopicFilter.parse(filter)), onFailure)));
    }

    private RemoteBus connect(String clientId) {
        return server.connect(TestTokens.everything(clientId));
    }

    @Test
    void aSignedMessageArrivesWithTheBrokersVerdictAndVerifiesAtTheReceiver() throws Exception {
        requireSignaturesOn("payments.#", SignaturePolicy.OnFailure.REFUSE);
        try (RemoteBus publisher = connect("agent-7"); RemoteBus receiver = connect("auditor")) {
            BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
            receiver.subscribe(SubscribeOptions.ephemeral("payments.#"), received::add);
            Envelope forgedVerdict = Envelope.event("payments.sent", TextNode.valueOf("10 EUR"))
                    .withMetadata(Metadata.EMPTY.withHeaders(Map.of(SignatureStep.HEADER, "valid")));

            publisher.publish(signer.sign(forgedVerdict), PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS);

            Envelope message = received.poll(5, TimeUnit.SECONDS).message();
            assertThat(message.metadata().headers()).containsEntry(SignatureStep.HEADER, "valid");
            assertThat(new SignatureVerifier(registry).verify(message).status())
                    .isEqualTo(SignatureVerdict.Status.VALID);
        }
    }

    @Test
    void unsignedAndForeignSignedMessagesAreRefusedWhereSignaturesAreRequired() throws Exception {
        requireSignaturesOn("payments.#", SignaturePolicy.OnFailure.REFUSE);
        try (RemoteBus mallory = connect("mallory")) {
            assertThatThrownBy(() -> mallory.publish(Envelope.event("payments.sent", TextNode.valueOf("x")),
                    PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS))
                    .hasMessageContaining("requires a valid Ed25519 signature");
            Envelope signedByAgent7 = signer.sign(Envelope.event("payments.sent", TextNode.valueOf("x")));
            assertThatThrownBy(() -> mallory.publish(signedByAgent7, PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS))
                    .hasMessageContaining("belongs to 'agent-7'");
            mallory.publish(Envelope.event("chat.hello", TextNode.valueOf("unsigned is fine here")),
                    PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDeadLetterPolicyKeepsTheBadlySignedMessage() throws Exception {
        requireSignaturesOn("payments.#", SignaturePolicy.OnFailure.DEAD_LETTER);
        try (RemoteBus mallory = connect("mallory")) {
            assertThatThrownBy(() -> mallory.publish(Envelope.event("payments.sent", TextNode.valueOf("x")),
                    PublishOptions.EPHEMERAL).get(5, TimeUnit.SECONDS))
                    .hasMessageContaining("kept as dead letter");
        }

        assertThat(server.broker.deadLetters().list(new DeadLetterQuery(DeathReason.SIGNATURE_INVALID, null, 10)))
                .hasSize(1);
    }
}
