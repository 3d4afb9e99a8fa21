package ai.kind.kmb.broker.security;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks client tokens: a JWS signed with HS256 by the configured secret, or with RS256, ES256 or
 * EdDSA by one of the configured public keys. The algorithm picks the key kind, never the other way
 * round: an HS256 token is only ever checked against the secret, so a token "signed" with a public
 * key as HMAC secret fails. Unsigned ({@code alg: none}) and encrypted tokens are refused.
 */
public final class TokenVerifier {
    private record Candidate(String keyId, JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    private final AuthSettings settings;
    private final List<Candidate> candidates;
    private final ClaimsCheck claims;

    public TokenVerifier(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.candidates = candidates(settings);
        this.claims = new ClaimsCheck(settings, clock);
    }

    /** The identity the token proves, or {@code unauthorized} naming what was wrong with it. */
    public Identity verify(String token) {
        if (token == null || token.isBlank()) {
            throw unauthorized("token", "is missing: this server requires a JWT (hello's token, or Authorization: Bearer)");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw unauthorized("token", "is not a JWT: " + e.getMessage());
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw unauthorized("token", "is not signed (alg " + parsed.getHeader().getAlgorithm()
                    + "); only signed tokens are accepted");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        String keyId = signed.getHeader().getKeyID();
        List<Candidate> fitting = candidates.stream()
                .filter(candidate -> candidate.algorithm().equals(algorithm)
                        && (keyId == null || candidate.keyId() == null || keyId.equals(candidate.keyId())))
                .toList();
        if (fitting.isEmpty()) {
            throw unauthorized("token", "is signed with " + algorithm + (keyId == null ? "" : " key '" + keyId + "'")
                    + ", which this server has no key for");
        }
        if (fitting.stream().noneMatch(candidate -> verifies(signed, candidate.verifier()))) {
            throw unauthorized("token", "signature does not verify");
        }
        JWTClaimsSet claimsSet;
        try {
            claimsSet = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("token", "claims are not a JSON object: " + e.getMessage());
        }
        return claims.identity(claimsSet);
    }

    public AuthSettings settings() {
        return settings;
    }

    private static boolean verifies(SignedJWT token, JWSVerifier verifier) {
        try {
            return token.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static List<Candidate> candidates(AuthSettings settings) {
        List<Candidate> result = new ArrayList<>();
        try {
            if (settings.hmacSecret() != null) {
                result.add(new Candidate(null, JWSAlgorithm.HS256,
                        new MACVerifier(settings.hmacSecret().getBytes(StandardCharsets.UTF_8))));
            }
            for (JWK key : PublicKeys.load(settings.publicKeys(), settings.jwksFile())) {
                Candidate candidate = candidate(key);
                if (candidate != null) {
                    result.add(candidate);
                }
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("auth: a configured key cannot verify tokens: " + e.getMessage(), e);
        }
        return List.copyOf(result);
    }

    /** Each key serves exactly one algorithm; keys of other kinds (such as symmetric JWKs) are ignored. */
    private static Candidate candidate(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new Candidate(key.getKeyID(), JWSAlgorithm.RS256, new RSASSAVerifier(rsa));
            case ECKey ec when Curve.P_256.equals(ec.getCurve()) ->
                    new Candidate(key.getKeyID(), JWSAlgorithm.ES256, new ECDSAVerifier(ec));
            case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) ->
                    new Candidate(key.getKeyID(), JWSAlgorithm.EdDSA, new Ed25519JwsVerifier(okp));
            default -> null;
        };
    }

    static KmbException unauthorized(String field, String reason) {
        return new KmbException(ErrorCode.UNAUTHORIZED, field + " " + reason, List.of(new ErrorDetail(field, reason)));
    }
}
