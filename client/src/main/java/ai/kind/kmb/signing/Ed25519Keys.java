package ai.kind.kmb.signing;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Ed25519 keys in the two text forms kmbctl writes and the SDK reads: PEM (PKCS#8 private key,
 * SubjectPublicKeyInfo public key, as OpenSSL and Node write them) and JWK ({@code kty: OKP},
 * {@code crv: Ed25519}, {@code x} and {@code d} in base64url).
 */
public final class Ed25519Keys {
    /** DER headers of the two PEM forms; the 32 raw key bytes follow them. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int KEY_BYTES = 32;
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Ed25519Keys() {
    }

    public static String privatePem(Ed25519PrivateKeyParameters key) {
        return pem("PRIVATE KEY", concat(PKCS8_PREFIX, key.getEncoded()));
    }

    public static String publicPem(Ed25519PublicKeyParameters key) {
        return pem("PUBLIC KEY", concat(SPKI_PREFIX, key.getEncoded()));
    }

    public static String privateJwk(String keyId, Ed25519PrivateKeyParameters key) {
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + keyId + "\",\"x\":\""
                + base64Url(key.generatePublicKey().getEncoded()) + "\",\"d\":\"" + base64Url(key.getEncoded()) + "\"}";
    }

    public static String publicJwk(String keyId, Ed25519PublicKeyParameters key) {
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + keyId + "\",\"x\":\"" + base64Url(key.getEncoded())
                + "\"}";
    }

    /** A private key from PKCS#8 PEM text. */
    public static Ed25519PrivateKeyParameters readPrivate(String text, String source) {
        return new Ed25519PrivateKeyParameters(raw(text, "PRIVATE KEY", PKCS8_PREFIX, source));
    }

    /**
     * A private key from a JWK with {@code d}, as {@link #privateJwk} writes it: {@code kty: OKP},
     * {@code crv: Ed25519}, and when {@code x} is present it must be the public half of {@code d}, so a
     * file pieced together from two keys is refused rather than signing with the wrong one.
     */
    public static Ed25519PrivateKeyParameters readPrivateJwk(JsonNode jwk, String source) {
        if (!jwk.isObject() || !"OKP".equals(jwk.path("kty").asText()) || !"Ed25519".equals(jwk.path("crv").asText())) {
            throw bad(source, "is not an Ed25519 JWK (needs \"kty\": \"OKP\" and \"crv\": \"Ed25519\")");
        }
        if (!jwk.hasNonNull("d")) {
            throw bad(source, "is a public JWK (no \"d\"); signing needs the private one");
        }
        byte[] d = decodeBase64Url(jwk.get("d").asText(), source);
        if (d.length != KEY_BYTES) {
            throw bad(source, "has a \"d\" of " + d.length + " bytes; an Ed25519 private key has 32");
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(d);
        if (jwk.hasNonNull("x") && !Arrays.equals(decodeBase64Url(jwk.get("x").asText(), source),
                key.generatePublicKey().getEncoded())) {
            throw bad(source, "has an \"x\" that is not the public key of its \"d\"");
        }
        return key;
    }

    /** A public key from SubjectPublicKeyInfo PEM text, or from its 32 raw bytes in base64url (a JWK's x). */
    public static Ed25519PublicKeyParameters readPublic(String text, String source) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("-----")) {
            byte[] raw = decodeBase64Url(trimmed, source);
            if (raw.length != KEY_BYTES) {
                throw bad(source, "is not 32 bytes of base64url nor a PEM public key");
            }
            return new Ed25519PublicKeyParameters(raw);
        }
        return new Ed25519PublicKeyParameters(raw(text, "PUBLIC KEY", SPKI_PREFIX, source));
    }

    static byte[] decodeBase64Url(String text, String source) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw bad(source, "is not base64url: " + e.getMessage());
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] raw(String text, String label, byte[] prefix, String source) {
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
                if (der.length != prefix.length + KEY_BYTES
                        || !Arrays.equals(Arrays.copyOf(der, prefix.length), prefix)) {
                    throw bad(source, "holds a " + label + " that is not an Ed25519 key");
                }
                return Arrays.copyOfRange(der, prefix.length, der.length);
            }
        }
        throw bad(source, "holds no '-----BEGIN " + label + "-----' block");
    }

    /** DER bytes as a PEM block with {@code label} (PRIVATE KEY, PUBLIC KEY, CERTIFICATE), 64 characters a line. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static KmbException bad(String source, String reason) {
        return new KmbException(ErrorCode.BAD_REQUEST, source + " " + reason, List.of(new ErrorDetail("key", reason)));
    }
}
