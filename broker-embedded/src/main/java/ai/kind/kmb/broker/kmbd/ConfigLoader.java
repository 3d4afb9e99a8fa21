package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.ServerLimits;
import ai.kind.kmb.broker.pipeline.StepSpec;
import ai.kind.kmb.broker.ratelimit.LimitSpec;
import ai.kind.kmb.broker.ratelimit.RateLimitConfig;
import ai.kind.kmb.broker.ratelimit.TopicLimit;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.registry.UnknownTopics;
import ai.kind.kmb.broker.store.RetentionPolicy;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds kmbd's configuration: defaults, then the YAML file, then environment variables, then
 * command-line flags, each overriding the one before. An unknown key, a bad value or a feature this
 * build lacks stops start-up with a {@link ConfigException} naming the key and where it came from.
 */
public final class ConfigLoader {
    static final String DEFAULT_BUS_NAME = "kmb";
    private final Map<String, String> environment;

    /** {@code environment} is {@code System.getenv()} in kmbd; tests pass their own. */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    KmbdConfig load(Path yamlFile, Map<Setting, String> flags) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        if (yamlFile != null) {
            readYaml(yamlFile, values);
        }
        for (Setting setting : Setting.values()) {
            String text = environment.get(setting.env());
            if (text != null && !text.isEmpty()) {
                values.put(setting, setting.parse(text, "environment variable " + setting.env()));
            }
        }
        flags.forEach((setting, text) -> values.put(setting, setting.parse(text, "the command line")));
        return build(values);
    }

    private static void readYaml(Path file, Map<Setting, Object> values) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist or is not a file");
        }
        JsonNode root;
        try {
            root = yaml.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + " must be a YAML mapping with a 'kmb' section");
        }
        walk(root, "", file, values);
    }

    private static void walk(JsonNode node, String prefix, Path file, Map<Setting, Object> values) {
        node.properties().forEach(entry -> {
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            Setting setting = Setting.byPath(path);
            if (setting != null && setting.structured()) {
                if (!value.isNull()) {
                    values.put(setting, setting.parse(value.toString(), file.toString()));
                }
            } else if (setting != null) {
                if (value.isObject() || (value.isArray() && !allScalars(value))) {
                    throw new ConfigException(path + " in " + file + " must be a single value"
                            + (value.isArray() ? " or a list of values" : ", not a mapping"));
                }
                if (!value.isNull()) {
                    values.put(setting, setting.parse(text(value), file.toString()));
                }
            } else if (Setting.isSection(path)) {
                if (value.isObject()) {
                    walk(value, path, file, values);
                } else if (!value.isNull()) {
                    throw new ConfigException(path + " in " + file + " must be a mapping of keys: " + keysUnder(path));
                }
            } else {
                throw new ConfigException("unknown key '" + path + "' in " + file + "; known keys"
                        + (prefix.isEmpty() ? ": " : " under " + prefix + ": ") + keysUnder(prefix));
            }
        });
    }

    /** A scalar's text; a list of scalars (such as allowed origins) as its comma-separated items. */
    private static String text(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode() || item.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static String keysUnder(String section) {
        String start = section.isEmpty() ? "" : section + ".";
        return Arrays.stream(Setting.values()).map(Setting::path).filter(path -> path.startsWith(start))
                .map(path -> path.substring(start.length())).collect(Collectors.joining(", "));
    }

    private static KmbdConfig build(Map<Setting, Object> values) {
        Backend backend = Backend.of((String) values.getOrDefault(Setting.BACKEND, Backend.SQLITE.wireName()));
        requireServer(values, backend);
        Path cert = (Path) values.get(Setting.TLS_CERT);
        Path key = (Path) values.get(Setting.TLS_KEY);
        if ((cert == null) != (key == null)) {
            throw new ConfigException(cert == null ? "kmb.tls.cert (KMB_TLS_CERT) is missing: kmb.tls.key needs it"
                    : "kmb.tls.key (KMB_TLS_KEY) is missing: kmb.tls.cert needs it");
        }
        if (cert == null && (values.containsKey(Setting.TLS_CLIENT_CA) || values.containsKey(Setting.TLS_CLIENT_AUTH))) {
            throw new ConfigException("kmb.tls.client_ca and kmb.tls.client_auth need kmb.tls.cert and kmb.tls.key");
        }
        Path registry = (Path) values.get(Setting.TOPIC_REGISTRY);
        if (registry != null && !Files.isDirectory(registry)) {
            throw new ConfigException("kmb.topic_registry.path " + registry + " is not a directory");
        }
        if (registry == null && values.containsKey(Setting.UNKNOWN_TOPICS)) {
            throw new ConfigException("kmb.topic_registry.unknown_topics is set, but kmb.topic_registry.path is not:"
                    + " without a registry every topic is unknown");
        }
        return new KmbdConfig(
                (int) values.getOrDefault(Setting.PORT, ServerOptions.DEFAULT_PORT),
                (String) values.getOrDefault(Setting.BIND, ServerOptions.DEFAULT_BIND),
                (Path) values.getOrDefault(Setting.DATA_DIR, Path.of("data")),
                backend,
                (String) values.get(Setting.REDIS_URL),
                (String) values.get(Setting.POSTGRES_URL),
                (String) values.getOrDefault(Setting.BUS_NAME, DEFAULT_BUS_NAME),
                "durable".equals(values.get(Setting.DURABILITY)),
                cert == null ? null : SecurityConfig.tls(cert, key, values),
                registry,
                "refuse".equals(values.get(Setting.UNKNOWN_TOPICS)) ? UnknownTopics.REFUSE : UnknownTopics.ALLOW,
                (boolean) values.getOrDefault(Setting.ALLOW_INSECURE, false),
                allowedOrigins(values),
                limits(values),
                pluginsDir(values),
                steps(values),
                new RateLimitConfig((LimitSpec) values.get(Setting.RATE_LIMIT_CLIENT), topicLimits(values)),
                SecurityConfig.auth(values),
                SecurityConfig.signing(values),
                (Duration) values.getOrDefault(Setting.CLAIM_LEASE, BrokerOptions.defaults().claimLease()),
                retention(values));
    }

    private static KmbdConfig.Retention retention(Map<Setting, Object> values) {
        BrokerOptions defaults = BrokerOptions.defaults();
        return new KmbdConfig.Retention(
                new RetentionPolicy((Duration) values.get(Setting.RETENTION_MAX_AGE),
                        (long) values.getOrDefault(Setting.RETENTION_MAX_BYTES, 0L)),
                (Duration) values.getOrDefault(Setting.RETENTION_INTERVAL, defaults.retentionInterval()));
    }

    private static Path pluginsDir(Map<Setting, Object> values) {
        Path plugins = (Path) values.get(Setting.PLUGINS_DIR);
        if (plugins != null && !Files.isDirectory(plugins)) {
            throw new ConfigException("kmb.pipeline.plugins_dir " + plugins + " is not a directory");
        }
        return plugins;
    }

    @SuppressWarnings("unchecked")
    private static List<StepSpec> steps(Map<Setting, Object> values) {
        return (List<StepSpec>) values.getOrDefault(Setting.PIPELINE_STEPS, List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<TopicLimit> topicLimits(Map<Setting, Object> values) {
        return (List<TopicLimit>) values.getOrDefault(Setting.RATE_LIMIT_TOPICS, List.of());
    }

    /** A shared backend needs its server named. */
    private static void requireServer(Map<Setting, Object> values, Backend backend) {
        Setting needed = switch (backend) {
            case REDIS -> Setting.REDIS_URL;
            case POSTGRES -> Setting.POSTGRES_URL;
            case SQLITE, MEMORY -> null;
        };
        if (needed != null && !values.containsKey(needed)) {
            throw new ConfigException("kmb.backend '" + backend.wireName() + "' needs " + needed.path() + " ("
                    + needed.env() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> allowedOrigins(Map<Setting, Object> values) {
        return (Set<String>) values.getOrDefault(Setting.ALLOWED_ORIGINS, Set.of());
    }

    private static ServerLimits limits(Map<Setting, Object> values) {
        ServerLimits defaults = ServerLimits.defaults();
        try {
            return new ServerLimits(
                    (int) values.getOrDefault(Setting.MAX_MESSAGE_BYTES, defaults.maxMessageBytes()),
                    (int) values.getOrDefault(Setting.MAX_FRAME_BYTES, defaults.maxFrameBytes()),
                    (int) values.getOrDefault(Setting.MAX_SUBSCRIPTIONS, defaults.maxSubscriptions()),
                    defaults.maxBadFrames(),
                    (Duration) values.getOrDefault(Setting.HEARTBEAT, defaults.heartbeat()),
                    (Duration) values.getOrDefault(Setting.IDLE_TIMEOUT, defaults.idleTimeout()),
                    (Duration) values.getOrDefault(Setting.WRITE_TIMEOUT, defaults.writeTimeout()),
                    (Duration) values.getOrDefault(Setting.DRAIN_TIMEOUT, defaults.drainTimeout()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kmb.limits: " + e.getMessage(), e);
        }
    }
}
