package ai.kind.kmb.signing;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import java.util.Base64;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks message signatures against a key registry: the key must be registered, belong to the
 * client the broker says published the message ({@code metadata.auth.client_id}), and the Ed25519
 * signature must match the signed content. Receivers use it as the broker does.
 */
public final class SignatureVerifier {
    private final KeyRegistry registry;

    public SignatureVerifier(KeyRegistry registry) {
        this.registry = registry;
    }

    public SignatureVerdict verify(Envelope message) {
        Metadata.Signature signature = message.metadata().signature();
        if (signature == null) {
            return new SignatureVerdict(SignatureVerdict.Status.UNSIGNED, null, "the message carries no signature");
        }
        String keyId = signature.keyId();
        if (!MessageSigner.ALGORITHM.equals(signature.alg())) {
            return new SignatureVerdict(SignatureVerdict.Status.INVALID, keyId, "algorithm '" + signature.alg()
                    + "' is not Ed25519");
        }
        var entry = keyId == null ? null : registry.find(keyId).orElse(null);
        if (entry == null) {
            return new SignatureVerdict(SignatureVerdict.Status.UNKNOWN_KEY, keyId, "key '" + keyId
                    + "' is not in the key registry");
        }
        Metadata.Auth auth = message.metadata().auth();
        String publisher = auth == null ? null : auth.clientId();
        if (!entry.clientId().equals(publisher)) {
            return new SignatureVerdict(SignatureVerdict.Status.WRONG_CLIENT, keyId, "key '" + keyId + "' belongs to '"
                    + entry.clientId() + "', but '" + publisher + "' published the message");
        }
        if (!matches(entry, signature.value(), SignedContent.of(message))) {
            return new SignatureVerdict(SignatureVerdict.Status.INVALID, keyId, "the signature does not match the"
                    + " message's id, timestamp, topic, type and payload");
        }
        return new SignatureVerdict(SignatureVerdict.Status.VALID, keyId, "signed by '" + publisher + "'");
    }

    private static boolean matches(KeyRegistry.Entry entry, String value, byte[] content) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, entry.publicKey());
        verifier.update(content, 0, content.length);
        return verifier.verifySignature(signature);
    }
}
