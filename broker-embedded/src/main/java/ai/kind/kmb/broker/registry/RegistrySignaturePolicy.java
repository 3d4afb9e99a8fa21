package ai.kind.kmb.broker.registry;

import ai.kind.kmb.broker.security.SignaturePolicy;
import ai.kind.kmb.registry.InvalidPayloadPolicy;
import java.util.Optional;

/**
 * Signatures required where a topic's descriptor says {@code signatures: required}; a message that
 * fails there meets the descriptor's {@code on_invalid} policy, as an invalid payload would. Asks
 * the registry on every publish, so a reloaded descriptor takes effect at once.
 */
public record RegistrySignaturePolicy(TopicRegistry registry) implements SignaturePolicy {

    @Override
    public Optional<OnFailure> required(String topic) {
        return registry.descriptorFor(topic).filter(descriptor -> descriptor.signaturesRequired())
                .map(descriptor -> descriptor.onInvalid() == InvalidPayloadPolicy.DEAD_LETTER
                        ? OnFailure.DEAD_LETTER : OnFailure.REFUSE);
    }

    /** The policy of the broker's registry, or none when it has no registry. */
    public static SignaturePolicy of(Optional<TopicRegistry> registry) {
        return registry.<SignaturePolicy>map(RegistrySignaturePolicy::new).orElse(SignaturePolicy.NONE);
    }
}
