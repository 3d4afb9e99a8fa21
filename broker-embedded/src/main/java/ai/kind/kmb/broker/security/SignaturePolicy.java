package ai.kind.kmb.broker.security;

import java.util.Optional;

/**
 * Which topics require signed messages, and what happens to a message there that is unsigned or
 * badly signed. Configured from kmbd's {@code kmb.signing} keys; the topic registry can answer it
 * from its descriptors as well.
 */
@FunctionalInterface
public interface SignaturePolicy {

    enum OnFailure {
        /** The publisher is refused and nothing is kept. */
        REFUSE,
        /** The publisher is refused and the message kept as a dead letter (reason {@code signature_invalid}). */
        DEAD_LETTER
    }

    /** Empty when the topic takes unsigned messages. */
    Optional<OnFailure> required(String topic);

    SignaturePolicy NONE = topic -> Optional.empty();

    /** Requires what this policy requires and, where it does not, what {@code other} requires. */
    default SignaturePolicy or(SignaturePolicy other) {
        return topic -> required(topic).or(() -> other.required(topic));
    }
}
