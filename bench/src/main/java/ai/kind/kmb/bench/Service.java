package ai.kind.kmb.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.UUID;

/**
 * A server a peer benchmark needs on this machine. A peer whose server does not answer is skipped
 * with a line saying so, not failed: the other peers' figures are still worth having.
 */
public record Service(String name, String host, int port) {
    public static final Service NATS = new Service("NATS", "127.0.0.1", 4222);
    public static final Service REDIS = new Service("Redis", "127.0.0.1", 6379);
    public static final Service MOSQUITTO = new Service("Mosquitto", "127.0.0.1", 1883);
    public static final Service POSTGRES = new Service("PostgreSQL", "127.0.0.1", 5432);

    /** Empty when something accepts connections there, else why the peer cannot run. */
    public Optional<String> problem() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(name + " is not reachable on " + host + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    public String redisUrl() {
        return "redis://" + host + ":" + port + "/0";
    }

    public String natsUrl() {
        return "nats://" + host + ":" + port;
    }

    public String mqttUrl() {
        return "tcp://" + host + ":" + port;
    }

    /** The local test database: trust authentication as user postgres, database {@code test}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/test?user=postgres";
    }

    /**
     * A name part no other run uses: other engineers' tests and benchmarks share these servers, so
     * every subject, channel, key prefix, stream and schema of a run carries it.
     */
    public static String runId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
