package ai.kind.kmb.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach a KMB server and how to behave when it is out of reach.
 *
 * @param url                         the server: {@code http://host:port} or {@code https://...} (the WebSocket
 *                                    is {@code /v1/ws} under it); {@code ws://} and {@code wss://} URLs are taken
 *                                    as the WebSocket address itself
 * @param token                       a JWT sent in {@code hello}; null when the server runs without auth
 * @param clientId                    the name this client gives itself in {@code hello}; may be null
 * @param connectTimeout              how long one connection attempt (TCP, TLS, upgrade, hello) may take
 * @param requestTimeout              how long a call may take in all, waiting for a connection included;
 *                                    past it the call fails with {@code unavailable}
 * @param reconnectMaxBackoff         the longest pause between two reconnection attempts
 * @param maxPendingWhileDisconnected how many calls may wait for the connection at once; one more fails at
 *                                    once rather than piling up memory behind a server that is down
 * @param sslContext                  the trust for {@code https}/{@code wss}; null uses the JDK default
 * @param heartbeatInterval           how often the connection is checked with {@code ping}; a {@code pong}
 *                                    missing for as long again, with nothing else heard, counts it as lost
 */
public record RemoteBusOptions(
        URI url,
        String token,
        String clientId,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration reconnectMaxBackoff,
        int maxPendingWhileDisconnected,
        SSLContext sslContext,
        Duration heartbeatInterval) {

    public static final String WEBSOCKET_PATH = "/v1/ws";

    public RemoteBusOptions {
        Objects.requireNonNull(url, "url");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(reconnectMaxBackoff, "reconnectMaxBackoff");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        if (maxPendingWhileDisconnected < 0) {
            throw new IllegalArgumentException("maxPendingWhileDisconnected must be zero or more, got "
                    + maxPendingWhileDisconnected);
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("ws")
                || scheme.equals("wss"))) {
            throw new IllegalArgumentException("url must be http, https, ws or wss, got " + url);
        }
    }

    /**
     * Defaults for a server at {@code url}: no token, 5 s to connect, 10 s per call, backoff up to
     * 10 s, a heartbeat every 5 s (the JDK WebSocket can miss a dropped connection; the heartbeat is
     * what notices it, within two intervals).
     */
    public static RemoteBusOptions defaults(URI url) {
        return new RemoteBusOptions(url, null, null, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 10_000, null, Duration.ofSeconds(5));
    }

    public RemoteBusOptions withToken(String newToken) {
        return new RemoteBusOptions(url, newToken, clientId, connectTimeout, requestTimeout, reconnectMaxBackoff,
                maxPendingWhileDisconnected, sslContext, heartbeatInterval);
    }

    public RemoteBusOptions withClientId(String newClientId) {
        return new RemoteBusOptions(url, token, newClientId, connectTimeout, requestTimeout, reconnectMaxBackoff,
                maxPendingWhileDisconnected, sslContext, heartbeatInterval);
    }

    public RemoteBusOptions withConnectTimeout(Duration timeout) {
        return new RemoteBusOptions(url, token, clientId, timeout, requestTimeout, reconnectMaxBackoff,
                maxPendingWhileDisconnected, sslContext, heartbeatInterval);
    }

    public RemoteBusOptions withRequestTimeout(Duration timeout) {
        return new RemoteBusOptions(url, token, clientId, connectTimeout, timeout, reconnectMaxBackoff,
                maxPendingWhileDisconnected, sslContext, heartbeatInterval);
    }

    public RemoteBusOptions withReconnectMaxBackoff(Duration backoff) {
        return new RemoteBusOptions(url, token, clientId, connectTimeout, requestTimeout, backoff,
                maxPendingWhileDisconnected, sslContext, heartbeatInterval);
    }

    public RemoteBusOptions withMaxPendingWhileDisconnected(int max) {
        return new RemoteBusOptions(url, token, clientId, connectTimeout, requestTimeout, reconnectMaxBackoff, max,
                sslContext, heartbeatInterval);
    }

    public RemoteBusOptions withSslContext(SSLContext context) {
        return new RemoteBusOptions(url, token, clientId, connectTimeout, requestTimeout, reconnectMaxBackoff,
                maxPendingWhileDisconnected, context, heartbeatInterval);
    }

    public RemoteBusOptions withHeartbeatInterval(Duration interval) {
        return new RemoteBusOptions(url, token, clientId, connectTimeout, requestTimeout, reconnectMaxBackoff,
                maxPendingWhileDisconnected, sslContext, interval);
    }

    /** The WebSocket address: {@code /v1/ws} under an http(s) URL, a ws(s) URL as given. */
    public URI webSocketUri() {
        String scheme = url.getScheme();
        if (scheme.startsWith("ws")) {
            return url;
        }
        return URI.create((scheme.equals("https") ? "wss" : "ws") + "://" + url.getRawAuthority()
                + basePath() + WEBSOCKET_PATH);
    }

    /** The HTTP base the REST routes hang under, for {@link RestClient}. */
    public URI httpBase() {
        String scheme = url.getScheme();
        String http = scheme.equals("wss") || scheme.equals("https") ? "https" : "http";
        String path = scheme.startsWith("ws") ? "" : basePath();
        return URI.create(http + "://" + url.getRawAuthority() + path);
    }

    private String basePath() {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
