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
    DURABILITY("kmb.durability", "KMB_DURABILITY", text -> ValueParsers.oneOf(text, List.of("ephemeral", "durable"))),
    TLS_CERT("kmb.tls.cert", "KMB_TLS_CERT", ValueParsers::path),
    TLS_KEY("kmb.tls.key", "KMB_TLS_KEY", ValueParsers::path),
    JWT_SECRET("kmb.auth.jwt_secret", "KMB_JWT_SECRET", ValueParsers::nonBlank),
    TOPIC_REGISTRY("kmb.topic_registry.path", "KMB_TOPIC_REGISTRY", ValueParsers::path),
    ALLOW_INSECURE("kmb.allow_insecure", "KMB_ALLOW_INSECURE", ValueParsers::bool),
    ALLOWED_ORIGINS("kmb.allowed_origins", "KMB_ALLOWED_ORIGINS", ValueParsers::origins),
    MAX_MESSAGE_BYTES("kmb.limits.max_message_bytes", "KMB_MAX_MESSAGE_BYTES", ValueParsers::bytes),
    MAX_FRAME_BYTES("kmb.limits.max_frame_bytes", "KMB_MAX_FRAME_BYTES", ValueParsers::bytes),
    MAX_SUBSCRIPTIONS("kmb.limits.max_subscriptions", "KMB_MAX_SUBSCRIPTIONS", ValueParsers::positive),
    HEARTBEAT("kmb.limits.heartbeat", "KMB_HEARTBEAT", ValueParsers::duration),
    IDLE_TIMEOUT("kmb.limits.idle_timeout", "KMB_IDLE_TIMEOUT", ValueParsers::duration),
    WRITE_TIMEOUT("kmb.limits.write_timeout", "KMB_WRITE_TIMEOUT", ValueParsers::duration),
    DRAIN_TIMEOUT("kmb.limits.drain_timeout", "KMB_DRAIN_TIMEOUT", ValueParsers::duration);

    private final String path;
    private final String env;
    private final Function<String, Object> parser;

    Setting(String path, String env, Function<String, Object> parser) {
        this.path = path;
        this.env = env;
        this.parser = parser;
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
