package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.signing.KeyRegistry;
import ai.kind.kmb.signing.SignatureVerifier;
import java.nio.file.Path;
import java.util.List;

/**
 * kmbd's {@code kmb.signing} keys.
 *
 * @param keyRegistry the key registry file (key id to client id and public key), or null
 * @param required    topics whose messages must carry a valid signature
 * @param onFailure   what happens to a message there that does not
 */
public record SigningSettings(Path keyRegistry, List<TopicFilter> required, SignaturePolicy.OnFailure onFailure) {
    public static final SigningSettings NONE = new SigningSettings(null, List.of(), SignaturePolicy.OnFailure.REFUSE);

    public SigningSettings {
        required = List.copyOf(required);
        if (!required.isEmpty() && keyRegistry == null) {
            throw new IllegalArgumentException("kmb.signing.required needs kmb.signing.keys: without a key registry"
                    + " no signature could ever be valid");
        }
    }

    /**
     * The publish step these settings describe, also requiring signatures where {@code alsoRequired}
     * does (the topic registry's descriptors); it loads the key registry now, so a bad file stops
     * start-up.
     */
    public SignatureStep step(SignaturePolicy alsoRequired) {
        SignatureVerifier verifier = keyRegistry == null ? null : new SignatureVerifier(KeyRegistry.load(keyRegistry));
        return new SignatureStep(verifier, new ConfiguredSignaturePolicy(required, onFailure).or(alsoRequired));
    }
}
