package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.ServerLimits;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.net.TlsFiles;
import ai.kind.kmb.broker.pipeline.StepSpec;
import ai.kind.kmb.broker.ratelimit.RateLimitConfig;
import ai.kind.kmb.broker.registry.UnknownTopics;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.security.SigningSettings;
import ai.kind.kmb.broker.store.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * kmbd's settings once defaults, the YAML file, the environment and the flags are merged.
 *
 * @param redisUrl       the Redis server of backend redis, or null
 * @param postgresUrl    the JDBC URL of backend postgres, or null
 * @param busName        the shared bus's Redis key prefix or PostgreSQL schema
 * @param tls            certificate and key, or null for plain HTTP
 * @param topicRegistry  the registry directory, or null
 * @param unknownTopics  what the registry does with a publish to a topic it does not describe
 * @param allowedOrigins web origins whose browser pages may use the server
 * @param pluginsDir     the directory of interceptor plugin jars, or null
 * @param steps          the configured pipeline steps, in order
 * @param rateLimits     the client and topic rate limits
 * @param auth           how client tokens are checked; {@link AuthSettings#NONE} when auth is off
 * @param signing        the key registry and the topics that require signed messages
 * @param claimLease     on a shared bus, how long a node's unrenewed claim on a durable's message lasts
 * @param retention      how much history the store keeps, and how often that is enforced
 */
public record KmbdConfig(int port, String bind, Path dataDir, Backend backend, String redisUrl,
                         String postgresUrl, String busName, boolean durableByDefault, TlsFiles tls,
                         Path topicRegistry, UnknownTopics unknownTopics, boolean allowInsecure,
                         Set<String> allowedOrigins, ServerLimits limits, Path pluginsDir, List<StepSpec> steps,
                         RateLimitConfig rateLimits, AuthSettings auth, SigningSettings signing,
                         Duration claimLease, Retention retention) {

    /** The store's retention policy and the interval at which the broker applies it. */
    public record Retention(RetentionPolicy policy, Duration interval) {
    }

    public ServerOptions serverOptions() {
        return new ServerOptions(bind, port, tls, allowInsecure, limits, allowedOrigins, auth);
    }

    public BrokerOptions brokerOptions() {
        return BrokerOptions.defaults().withDurableByDefault(durableByDefault).withClaimLease(claimLease)
                .withRetention(retention.policy(), retention.interval());
    }
}
