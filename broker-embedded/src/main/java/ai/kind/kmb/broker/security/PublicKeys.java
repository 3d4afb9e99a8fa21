package ai.kind.kmb.broker.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the public keys tokens are verified with, from PEM files and a JWK Set file, as JWKs. */
final class PublicKeys {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final int ED25519_KEY_BYTES = 32;

    private PublicKeys() {
    }

    static List<JWK> load(List<Path> pemFiles, Path jwksFile) {
        List<JWK> keys = new ArrayList<>();
        for (Path file : pemFiles) {
            keys.addAll(fromPem(file));
        }
        if (jwksFile != null) {
            try {
                keys.addAll(JWKSet.load(jwksFile.toFile()).getKeys());
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("JWKS file " + jwksFile + " cannot be read as a JWK Set: "
                        + e.getMessage(), e);
            }
        }
        return keys.stream().filter(key -> !key.isPrivate()).toList();
    }

    static List<JWK> fromPem(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("public key file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<JWK> keys = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            keys.add(toJwk(decode(der, file), file.getFileName().toString()));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("public key file " + file + " holds no '-----BEGIN PUBLIC KEY-----'"
                    + " block (PEM SubjectPublicKeyInfo)");
        }
        return keys;
    }

    private static PublicKey decode(byte[] der, Path file) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Not this kind of key; the next one is tried.
            }
        }
        throw new IllegalArgumentException("public key file " + file + " holds a key that is not RSA, EC or Ed25519");
    }

    private static JWK toJwk(PublicKey key, String keyId) {
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).keyID(keyId).build();
            case ECPublicKey ec -> new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).keyID(keyId).build();
            default -> {
                byte[] encoded = key.getEncoded();
                byte[] raw = Arrays.copyOfRange(encoded, encoded.length - ED25519_KEY_BYTES, encoded.length);
                yield new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(keyId).build();
            }
        };
    }
}
