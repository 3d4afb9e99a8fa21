package ai.kind.kmb.broker.kmbd;

import java.util.List;
import java.util.function.Function;

/**
 * Every key kmbd understands: its path in the YAML file, the environment variable that overrides
 * it, and how its value is read. This table is the one list of keys; an unknown key is refused by
 * checking against it, and docs/configuration.md documents it.
 */
enum Setting {
    PORT("kmb.port", "KMB_PORT", ValueParsers::port),
    BIND("kmb.bind", "KMB_BIND", ValueParsers::nonBlank),
    DATA_DIR("kmb.data_dir", "KMB_DATA", ValueParsers::path),
    BACKEND("kmb.backend", "KMB_BACKEND", text -> ValueParsers.oneOf(text, Backend.NAMES)),
    REDIS_URL("kmb.redis_url", "KMB_REDIS_URL", ValueParsers::nonBlank),
    POSTGRES_URL("kmb.postgres_url", "KMB_POSTGRES_URL", ValueParsers::nonBlank),
    BUS_NAME("kmb.bus_name", "KMB_BUS_NAME", ValueParsers::busName),
    CLAIM_LEASE("kmb.claim_lease", "KMB_CLAIM_LEASE", ValueParsers::positiveDuration),
    RETENTION_MAX_AGE("kmb.retention.max_age", "KMB_RETENTION_MAX_AGE", ValueParsers::positiveDuration),
    RETENTION_MAX_BYTES("kmb.retention.max_bytes", "KMB_RETENTION_MAX_BYTES", ValueParsers::storageBytes),
    RETENTION_INTERVAL("kmb.retention.interval", "KMB_RETENTION_INTERVAL", ValueParsers::positiveDuration),
    DURABILITY("kmb.durability", "KMB_DURABILITY", text -> ValueParsers.oneOf(text, List.of("ephemeral", "durable"))),
    TLS_CERT("kmb.tls.cert", "KMB_TLS_CERT", ValueParsers::path),
    TLS_KEY("kmb.tls.key", "KMB_TLS_KEY", ValueParsers::path),
    TLS_CLIENT_CA("kmb.tls.client_ca", "KMB_TLS_CLIENT_CA", ValueParsers::path),
    TLS_CLIENT_AUTH("kmb.tls.client_auth", "KMB_TLS_CLIENT_AUTH",
            text -> ValueParsers.oneOf(text, List.of("none", "optional", "required"))),
    JWT_SECRET("kmb.auth.jwt_secret", "KMB_JWT_SECRET", ValueParsers::nonBlank),
    AUTH_PUBLIC_KEYS("kmb.auth.public_keys", "KMB_AUTH_PUBLIC_KEYS", ValueParsers::paths),
    AUTH_JWKS("kmb.auth.jwks_file", "KMB_AUTH_JWKS_FILE", ValueParsers::path),
    AUTH_ISSUER("kmb.auth.issuer", "KMB_AUTH_ISSUER", ValueParsers::nonBlank),
    AUTH_AUDIENCE("kmb.auth.audience", "KMB_AUTH_AUDIENCE", ValueParsers::nonBlank),
    AUTH_CLOCK_SKEW("kmb.auth.clock_skew", "KMB_AUTH_CLOCK_SKEW", ValueParsers::duration),
    SIGNING_KEYS("kmb.signing.keys", "KMB_SIGNING_KEYS", ValueParsers::path),
    SIGNING_REQUIRED("kmb.signing.required", "KMB_SIGNING_REQUIRED", ValueParsers::filters),
    SIGNING_ON_FAILURE("kmb.signing.on_failure", "KMB_SIGNING_ON_FAILURE",
            text -> ValueParsers.oneOf(text, List.of("refuse", "dead_letter"))),
    TOPIC_REGISTRY("kmb.topic_registry.path", "KMB_TOPIC_REGISTRY", ValueParsers::path),
    UNKNOWN_TOPICS("kmb.topic_registry.unknown_topics", "KMB_UNKNOWN_TOPICS",
            text -> ValueParsers.oneOf(text, List.of("allow", "refuse"))),
    ALLOW_INSECURE("kmb.allow_insecure", "KMB_ALLOW_INSECURE", ValueParsers::bool),
    ALLOWED_ORIGINS("kmb.allowed_origins", "KMB_ALLOWED_ORIGINS", ValueParsers::origins),
    MAX_MESSAGE_BYTES("kmb.limits.max_message_bytes", "KMB_MAX_MESSAGE_BYTES", ValueParsers::bytes),
    MAX_FRAME_BYTES("kmb.limits.max_frame_bytes", "KMB_MAX_FRAME_BYTES", ValueParsers::bytes),
    MAX_SUBSCRIPTIONS("kmb.limits.max_subscriptions", "KMB_MAX_SUBSCRIPTIONS", ValueParsers::positive),
    HEARTBEAT("kmb.limits.heartbeat", "KMB_HEARTBEAT", ValueParsers::duration),
    IDLE_TIMEOUT("kmb.limits.idle_timeout", "KMB_IDLE_TIMEOUT", ValueParsers::duration),
    WRITE_TIMEOUT("kmb.limits.write_timeout", "KMB_WRITE_TIMEOUT", ValueParsers::duration),
    DRAIN_TIMEOUT("kmb.limits.drain_timeout", "KMB_DRAIN_TIMEOUT", ValueParsers::duration),
    PLUGINS_DIR("kmb.pipeline.plugins_dir", "KMB_PLUGINS_DIR", ValueParsers::path),
    PIPELINE_STEPS("kmb.pipeline.steps", "KMB_PIPELINE_STEPS", StepSettings::parse, true),
    RATE_LIMIT_CLIENT("kmb.rate_limits.client", "KMB_RATE_LIMIT_CLIENT", RateLimitSettings::client, true),
    RATE_LIMIT_TOPICS("kmb.rate_limits.topics", "KMB_RATE_LIMIT_TOPICS", RateLimitSettings::topics, true);

    private final String path;
    private final String env;
    private final Function<String, Object> parser;
    private final boolean structured;

    Setting(String path, String env, Function<String, Object> parser) {
        this(path, env, parser, false);
    }

    /** A structured setting's value is a list or mapping, read from its JSON text. */
    Setting(String path, String env, Function<String, Object> parser, boolean structured) {
        this.path = path;
        this.env = env;
        this.parser = parser;
        this.structured = structured;
    }

    boolean structured() {
        return structured;
    }

    String path() {
        return path;
    }

    String env() {
        return env;
    }

    /** Reads a value; the exception names this key and where the value came from. */
    Object parse(String text, String source) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + " (from " + source + ") " + e.getMessage());
        }
    }

    static Setting byPath(String path) {
        for (Setting setting : values()) {
            if (setting.path.equals(path)) {
                return setting;
            }
        }
        return null;
    }

    /** True for a path that is a section holding keys, such as {@code kmb.limits}. */
    static boolean isSection(String path) {
        for (Setting setting : values()) {
            if (setting.path.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }
}
