package ai.kind.kmb.signing;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs messages with one Ed25519 key. The id and timestamp are filled first when absent, since
 * the signature covers them and the broker must not fill them afterwards.
 */
public final class MessageSigner {
    public static final String ALGORITHM = "Ed25519";

    private final String keyId;
    private final Ed25519PrivateKeyParameters key;
    private final Clock clock;

    public MessageSigner(String keyId, Ed25519PrivateKeyParameters key, Clock clock) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = clock;
    }

    /** A signer for the PKCS#8 PEM file {@code kmbctl keys gen} wrote. */
    public static MessageSigner fromPemFile(String keyId, Path privateKeyFile) {
        try {
            return new MessageSigner(keyId, Ed25519Keys.readPrivate(Files.readString(privateKeyFile),
                    privateKeyFile.toString()), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing key " + privateKeyFile, e);
        }
    }

    public Envelope sign(Envelope message) {
        Envelope stamped = message.stamped(clock.instant());
        byte[] signature = sign(SignedContent.of(stamped));
        Metadata.Signature value = new Metadata.Signature(ALGORITHM, keyId,
                Base64.getEncoder().encodeToString(signature));
        return stamped.withMetadata(stamped.metadata().withSignature(value));
    }

    byte[] sign(byte[] content) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(content, 0, content.length);
        return signer.generateSignature();
    }
}
