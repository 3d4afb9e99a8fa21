package ai.kind.kmb.broker.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** The claims a verified token must carry: {@code sub}, {@code exp}, and {@code nbf}, {@code iss}, {@code aud} as set. */
final class ClaimsCheck {
    private final AuthSettings settings;
    private final Clock clock;

    ClaimsCheck(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Identity identity(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw TokenVerifier.unauthorized("exp", "is missing: tokens must expire");
        }
        if (!now.minus(settings.clockSkew()).isBefore(expires.toInstant())) {
            throw TokenVerifier.unauthorized("exp", "the token expired at " + expires.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(settings.clockSkew()).isBefore(notBefore.toInstant())) {
            throw TokenVerifier.unauthorized("nbf", "the token is not valid before " + notBefore.toInstant());
        }
        if (settings.issuer() != null && !settings.issuer().equals(claims.getIssuer())) {
            throw TokenVerifier.unauthorized("iss", "is '" + claims.getIssuer() + "', not the issuer this server trusts");
        }
        if (settings.audience() != null && (claims.getAudience() == null
                || !claims.getAudience().contains(settings.audience()))) {
            throw TokenVerifier.unauthorized("aud", "does not name this server ('" + settings.audience() + "')");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw TokenVerifier.unauthorized("sub", "is missing: it names the client");
        }
        return new Identity(subject, claims.getIssuer(), permissions(claims));
    }

    private static Permissions permissions(JWTClaimsSet claims) {
        Map<String, Object> kmb;
        try {
            kmb = claims.getJSONObjectClaim(PermissionsClaim.NAME);
        } catch (ParseException e) {
            throw TokenVerifier.unauthorized(PermissionsClaim.NAME, "must be a JSON object");
        }
        return kmb == null ? Permissions.NONE : PermissionsClaim.parse(kmb);
    }
}
