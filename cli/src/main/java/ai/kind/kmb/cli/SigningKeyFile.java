package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import ai.kind.kmb.signing.Ed25519Keys;
import ai.kind.kmb.signing.MessageSigner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * {@code publish --sign}: the private key file {@code kmbctl keys gen} wrote, in either of its
 * forms (PKCS#8 PEM, or a JWK with {@code d}), made into the SDK's {@link MessageSigner}. The key
 * id the signature names is {@code --key-id} when given, else the JWK's {@code kid}, else the name
 * {@code keys gen} gave the file ({@code KEY_ID.key.pem}, {@code KEY_ID.jwk.json}); the broker
 * looks that id up in its key registry.
 */
final class SigningKeyFile {
    private static final String[] SUFFIXES = {".key.pem", ".jwk.json"};

    private SigningKeyFile() {
    }

    static MessageSigner signer(Path file, String keyIdOption, Clock clock) {
        String text = read(file);
        String what = "signing key " + file;
        Ed25519PrivateKeyParameters key;
        String keyId = keyIdOption;
        if (text.stripLeading().startsWith("{")) {
            JsonNode jwk = parse(text, what);
            key = Ed25519Keys.readPrivateJwk(jwk, what);
            if (keyId == null && jwk.hasNonNull("kid") && !jwk.get("kid").asText().isBlank()) {
                keyId = jwk.get("kid").asText();
            }
        } else if (text.contains("-----BEGIN PUBLIC KEY-----") && !text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new CliException(ExitCodes.BAD_INPUT, what + " is a public key; --sign needs the private key "
                    + "(the KEY_ID.key.pem that 'kmbctl keys gen' wrote next to it)");
        } else {
            key = Ed25519Keys.readPrivate(text, what);
        }
        return new MessageSigner(keyId != null ? keyId : keyIdFromName(file), key, clock);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.NOT_FOUND, "signing key " + file + " does not exist (--sign)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "signing key " + file + " cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static JsonNode parse(String text, String what) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.BAD_INPUT, what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String keyIdFromName(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        throw new CliException(ExitCodes.USAGE, "cannot tell the key id from the file name " + name
                + " (kmbctl keys gen names it KEY_ID.key.pem); give --key-id, the id in the broker's key registry");
    }
}
