package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.ServerLimits;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.net.TlsFiles;
import java.nio.file.Path;

/**
 * kmbd's settings once defaults, the YAML file, the environment and the flags are merged.
 *
 * @param tls            certificate and key, or null for plain HTTP
 * @param topicRegistry  the registry directory, or null
 */
public record KmbdConfig(int port, String bind, Path dataDir, Backend backend, String redisUrl,
                         boolean durableByDefault, TlsFiles tls, Path topicRegistry, boolean allowInsecure,
                         ServerLimits limits) {

    public ServerOptions serverOptions() {
        return new ServerOptions(bind, port, tls, allowInsecure, limits);
    }

    public BrokerOptions brokerOptions() {
        return BrokerOptions.defaults().withDurableByDefault(durableByDefault);
    }
}
