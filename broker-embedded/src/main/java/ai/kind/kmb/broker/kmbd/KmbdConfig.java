package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.ServerLimits;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.net.TlsFiles;
import java.nio.file.Path;
import java.util.Set;

/**
 * kmbd's settings once defaults, the YAML file, the environment and the flags are merged.
 *
 * @param redisUrl       the Redis server of backend redis, or null
 * @param postgresUrl    the JDBC URL of backend postgres, or null
 * @param busName        the shared bus's Redis key prefix or PostgreSQL schema
 * @param tls            certificate and key, or null for plain HTTP
 * @param topicRegistry  the registry directory, or null
 * @param allowedOrigins web origins whose browser pages may use the server
 */
public record KmbdConfig(int port, String bind, Path dataDir, Backend backend, String redisUrl,
                         String postgresUrl, String busName,
                         boolean durableByDefault, TlsFiles tls, Path topicRegistry, boolean allowInsecure,
                         Set<String> allowedOrigins, ServerLimits limits) {

    public ServerOptions serverOptions() {
        return new ServerOptions(bind, port, tls, allowInsecure, limits, allowedOrigins);
    }

    public BrokerOptions brokerOptions() {
        return BrokerOptions.defaults().withDurableByDefault(durableByDefault);
    }
}
