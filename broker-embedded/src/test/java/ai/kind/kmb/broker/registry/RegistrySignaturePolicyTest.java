package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.security.ConfiguredSignaturePolicy;
import ai.kind.kmb.broker.security.SignaturePolicy;
import ai.kind.kmb.broker.security.SignatureStep;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.signing.KeyRegistry;
import ai.kind.kmb.signing.MessageSigner;
import ai.kind.kmb.signing.SignatureVerifier;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's {@code signatures_required} reaches the broker's signature check. */
class RegistrySignaturePolicyTest {
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final MessageSigner signer = new MessageSigner("auditor-key", key, Clock.systemUTC());
    private final Broker broker = new Broker(new InMemoryStore(), BrokerOptions.defaults(), Clock.systemUTC());

    RegistrySignaturePolicyTest() {
        broker.useRegistry(TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.ALLOW));
        SignatureVerifier verifier = new SignatureVerifier(new KeyRegistry(Map.of(
                "auditor-key", new KeyRegistry.Entry("auditor", key.generatePublicKey()))));
        SignaturePolicy policy = new ConfiguredSignaturePolicy(List.of(), SignaturePolicy.OnFailure.REFUSE)
                .or(RegistrySignaturePolicy.of(broker.registry()));
        broker.pipeline().add(PublishStage.VALIDATION, new SignatureStep(verifier, policy));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private static Envelope secretRead() {
        ObjectNode payload = Json.object().put("secret_path", "db/password").put("accessor", "auditor")
                .put("action", "read").put("granted", true);
        Envelope message = Envelope.event("vault.secret.accessed", payload);
        return message.withMetadata(message.metadata().withAuth(new Metadata.Auth("kOS", "auditor")));
    }

    @Test
    void anUnsignedMessageOnATopicWhoseDescriptorRequiresSignaturesIsRefused() {
        assertThatThrownBy(() -> broker.publish(secretRead(), PublishOptions.DURABLE).join())
                .cause().isInstanceOfSatisfying(KmbException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(error.getMessage()).contains("vault.secret.accessed").contains("signature");
                });
        assertThat(broker.store().lastOffset()).isZero();
    }

    @Test
    void aMessageSignedByItsPublishersKeyIsStoredWithTheBrokersValidVerdict() {
        PublishAck ack = broker.publish(signer.sign(secretRead()), PublishOptions.DURABLE).join();

        Envelope stored = broker.store().readAfter(ack.offset() - 1, 1).getFirst().envelope();
        assertThat(stored.metadata().headers()).containsEntry(SignatureStep.HEADER, "valid");
    }

    @Test
    void topicsWhoseDescriptorDoesNotRequireSignaturesTakeUnsignedMessages() {
        ObjectNode heartbeat = Json.object().put("agent", "planner").put("status", "ok").put("uptime_s", 30)
                .put("inflight", 1);

        PublishAck ack = broker.publish(Envelope.event("agent.health.heartbeat", heartbeat), PublishOptions.DURABLE)
                .join();

        assertThat(ack.offset()).isPositive();
    }
}
