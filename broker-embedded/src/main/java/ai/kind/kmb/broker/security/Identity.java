package ai.kind.kmb.broker.security;

import java.util.Objects;

/**
 * Who is on a connection or behind a request, as the server established it.
 *
 * @param clientId the token's {@code sub}, or the name a client gave itself when auth is off
 * @param issuer   the token's {@code iss}; null when auth is off
 */
public record Identity(String clientId, String issuer, Permissions permissions) {

    public Identity {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(permissions, "permissions");
    }

    /** A caller on a server without auth: unrestricted, named as it likes. */
    public static Identity open(String clientId) {
        return new Identity(clientId, null, Permissions.UNRESTRICTED);
    }
}
