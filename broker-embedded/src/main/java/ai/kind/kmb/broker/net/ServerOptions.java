package ai.kind.kmb.broker.net;

import ai.kind.kmb.broker.security.AuthSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how the server listens.
 *
 * @param bindAddress   host name or address to bind; loopback unless {@code allowInsecure}
 * @param port          TCP port; 0 picks a free one ({@link KmbServer#port()} tells which)
 * @param tls           certificate and key, or null for plain HTTP and WebSocket
 * @param allowInsecure bind a non-loopback address although no client is authenticated
 * @param allowedOrigins web origins (such as {@code http://localhost:3000}) whose pages may use the
 *                       server from a browser; requests with any other {@code Origin} are refused
 * @param auth          how client tokens are checked; {@link AuthSettings#NONE} runs open
 */
public record ServerOptions(String bindAddress, int port, TlsFiles tls, boolean allowInsecure, ServerLimits limits,
                            Set<String> allowedOrigins, AuthSettings auth) {
    public static final int DEFAULT_PORT = 7420;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public ServerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(limits, "limits");
        allowedOrigins = allowedOrigins == null ? Set.of() : Set.copyOf(allowedOrigins);
        auth = auth == null ? AuthSettings.NONE : auth;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    public static ServerOptions loopback(int port) {
        return new ServerOptions(DEFAULT_BIND, port, null, false, ServerLimits.defaults(), Set.of(), AuthSettings.NONE);
    }

    public ServerOptions withLimits(ServerLimits newLimits) {
        return new ServerOptions(bindAddress, port, tls, allowInsecure, newLimits, allowedOrigins, auth);
    }

    public ServerOptions withTls(TlsFiles files) {
        return new ServerOptions(bindAddress, port, files, allowInsecure, limits, allowedOrigins, auth);
    }

    public ServerOptions withAllowedOrigins(Set<String> origins) {
        return new ServerOptions(bindAddress, port, tls, allowInsecure, limits, origins, auth);
    }

    public ServerOptions withAuth(AuthSettings settings) {
        return new ServerOptions(bindAddress, port, tls, allowInsecure, limits, allowedOrigins, settings);
    }

    /** True when the address can be reached from other machines. */
    public boolean isPublicBind() {
        try {
            return !InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + bindAddress + "' does not resolve", e);
        }
    }

    /**
     * Refuses an address others can reach while nobody is authenticated: anyone on the network could
     * then publish, subscribe and empty the dead-letter queue.
     */
    void requireSafeBind() {
        if (isPublicBind() && !auth.enabled() && !allowInsecure) {
            throw new IllegalArgumentException("refusing to bind " + bindAddress + ": it is reachable from other"
                    + " machines and no client authentication is configured, so anyone could publish and subscribe."
                    + " Configure kmb.auth (docs/security.md), bind 127.0.0.1, or accept the risk with"
                    + " --allow-insecure (kmb.allow_insecure: true,"
                    + " KMB_ALLOW_INSECURE=true).");
        }
    }

    String scheme() {
        return tls == null ? "http" : "https";
    }
}
