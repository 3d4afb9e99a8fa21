package ai.kind.kmb.broker.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How client tokens are checked. Auth is on when at least one way to verify a token is set.
 *
 * @param hmacSecret  the HS256 shared secret (at least 32 bytes), or null
 * @param publicKeys  PEM files of RSA, EC P-256 or Ed25519 public keys, for RS256, ES256 and EdDSA
 * @param jwksFile    a JWK Set file of public keys, or null
 * @param issuer      the {@code iss} every token must carry, or null to accept any
 * @param audience    a value the token's {@code aud} must contain, or null to accept any
 * @param clockSkew   how far clocks may disagree when {@code exp} and {@code nbf} are checked
 */
public record AuthSettings(String hmacSecret, List<Path> publicKeys, Path jwksFile, String issuer, String audience,
                           Duration clockSkew) {
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);
    /** Past this a token expired long ago would still pass; a clock that far off needs fixing instead. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    public static final int MIN_SECRET_BYTES = 32;
    public static final AuthSettings NONE = new AuthSettings(null, List.of(), null, null, null, DEFAULT_SKEW);

    public AuthSettings {
        publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
        clockSkew = clockSkew == null ? DEFAULT_SKEW : clockSkew;
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_SKEW.toSeconds()
                    + " s, got " + clockSkew.toSeconds() + " s");
        }
        if (hmacSecret != null && hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the HS256 secret must be at least " + MIN_SECRET_BYTES
                    + " bytes: a shorter one can be guessed offline from any token");
        }
    }

    public static AuthSettings hmac(String secret) {
        return new AuthSettings(secret, List.of(), null, null, null, DEFAULT_SKEW);
    }

    public boolean enabled() {
        return hmacSecret != null || !publicKeys.isEmpty() || jwksFile != null;
    }

    public AuthSettings withIssuer(String newIssuer) {
        return new AuthSettings(hmacSecret, publicKeys, jwksFile, newIssuer, audience, clockSkew);
    }

    public AuthSettings withAudience(String newAudience) {
        return new AuthSettings(hmacSecret, publicKeys, jwksFile, issuer, newAudience, clockSkew);
    }

    public AuthSettings withPublicKeys(List<Path> files) {
        return new AuthSettings(hmacSecret, files, jwksFile, issuer, audience, clockSkew);
    }

    public AuthSettings withJwksFile(Path file) {
        return new AuthSettings(hmacSecret, publicKeys, file, issuer, audience, clockSkew);
    }

    public AuthSettings withClockSkew(Duration skew) {
        return new AuthSettings(hmacSecret, publicKeys, jwksFile, issuer, audience, skew);
    }
}
