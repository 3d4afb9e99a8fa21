package ai.kind.kmb.broker.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class when a server it needs (Redis, PostgreSQL) is not listening, with a message
 * saying which one and where, and fails it instead when {@code KMB_REQUIRE_SERVICES=1} (CI sets it),
 * so that a missing server can never turn a green build into a build that tested nothing.
 *
 * <pre>{@code @RegisterExtension static final RequiresService REDIS = RequiresService.redis();}</pre>
 */
public final class RequiresService implements BeforeAllCallback {
    public static final String REQUIRE_VARIABLE = "KMB_REQUIRE_SERVICES";

    private final String name;
    private final String host;
    private final int port;

    public RequiresService(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
    }

    /** Redis on 127.0.0.1:6379. */
    public static RequiresService redis() {
        return new RequiresService("Redis", "127.0.0.1", 6379);
    }

    /** PostgreSQL on 127.0.0.1:5432. */
    public static RequiresService postgres() {
        return new RequiresService("PostgreSQL", "127.0.0.1", 5432);
    }

    public String redisUrl() {
        return "redis://" + host + ":" + port + "/0";
    }

    /** The local test database: trust authentication as user postgres, database {@code test}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/test?user=postgres";
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String problem = probe();
        if (problem == null) {
            return;
        }
        String message = name + " is not reachable on " + host + ":" + port + " (" + problem + ")";
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(message + "; " + REQUIRE_VARIABLE + "=1 makes this a failure, not a skip");
        }
        Assumptions.abort(message + "; skipping " + context.getDisplayName()
                + " (set " + REQUIRE_VARIABLE + "=1 to fail instead)");
    }

    /** Null when something accepts connections there, else what went wrong. */
    private String probe() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
