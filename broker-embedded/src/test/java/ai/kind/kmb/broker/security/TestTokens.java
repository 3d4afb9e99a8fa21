package ai.kind.kmb.broker.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Mints tokens for tests: the claims a client of the given permissions would carry. */
public final class TestTokens {
    public static final String SECRET = "test-secret-of-at-least-32-bytes!!";

    private TestTokens() {
    }

    public static JWTClaimsSet.Builder claims(String subject, Map<String, Object> kmb) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject).issuer("kOS").audience("kmb")
                .expirationTime(Date.from(now.plusSeconds(600))).issueTime(Date.from(now));
        return kmb == null ? builder : builder.claim("kmb", kmb);
    }

    public static Map<String, Object> permissions(List<String> pubAllow, List<String> pubDeny, List<String> subAllow,
                                                  List<String> subDeny, boolean admin) {
        return Map.of("pub", Map.of("allow", pubAllow, "deny", pubDeny),
                "sub", Map.of("allow", subAllow, "deny", subDeny), "admin", admin);
    }

    public static String hs256(JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code subject} allowed everything (pub and sub {@code #}, {@code _kmb.#}) and admin. */
    public static String everything(String subject) {
        List<String> all = List.of("#", "_kmb.#", "_inbox.#");
        return hs256(claims(subject, permissions(all, List.of(), all, List.of(), true)).build());
    }

    public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
