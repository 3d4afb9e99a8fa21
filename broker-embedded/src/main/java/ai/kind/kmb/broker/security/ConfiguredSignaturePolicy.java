package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;
import java.util.List;
import java.util.Optional;

/** Signatures required on every topic one of the filters matches, with one failure policy for all. */
public record ConfiguredSignaturePolicy(List<TopicFilter> requiredOn, OnFailure onFailure) implements SignaturePolicy {

    public ConfiguredSignaturePolicy {
        requiredOn = List.copyOf(requiredOn);
    }

    @Override
    public Optional<OnFailure> required(String topic) {
        return requiredOn.stream().anyMatch(filter -> filter.matches(topic)) ? Optional.of(onFailure)
                : Optional.empty();
    }
}
