package ai.kind.kmb.signing;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Which public key a key id names, and which client that key belongs to. A signature only counts
 * for the client its key is registered to, so one client's key cannot vouch for another's messages.
 * The file is YAML (or JSON):
 * <pre>
 * keys:
 *   agent-7-2026:
 *     client_id: agent-7
 *     public_key: |            # PEM, or the 32 raw bytes in base64url (a JWK's "x")
 *       -----BEGIN PUBLIC KEY-----
 *       ...
 * </pre>
 */
public final class KeyRegistry {
    public record Entry(String clientId, Ed25519PublicKeyParameters publicKey) {
    }

    private final Map<String, Entry> keys;

    public KeyRegistry(Map<String, Entry> keys) {
        this.keys = Map.copyOf(keys);
    }

    public Optional<Entry> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public int size() {
        return keys.size();
    }

    public static KeyRegistry load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "key registry " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode section = root == null ? null : root.get("keys");
        if (section == null || !section.isObject()) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "key registry " + file + " needs a 'keys' mapping of key id"
                    + " to client_id and public_key");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        section.properties().forEach(entry -> {
            String where = "key registry " + file + " key '" + entry.getKey() + "'";
            String clientId = entry.getValue().path("client_id").asText("");
            String publicKey = entry.getValue().path("public_key").asText("");
            if (clientId.isBlank() || publicKey.isBlank()) {
                throw new KmbException(ErrorCode.BAD_REQUEST, where + " needs client_id and public_key");
            }
            entries.put(entry.getKey(), new Entry(clientId, Ed25519Keys.readPublic(publicKey, where)));
        });
        return new KeyRegistry(entries);
    }
}
