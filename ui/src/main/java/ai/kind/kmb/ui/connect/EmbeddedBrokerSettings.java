package ai.kind.kmb.ui.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the Studio's embedded broker starts: where it keeps messages and which key registry checks
 * signatures. Saved with the other settings and used at the next start; command-line flags win for
 * the run they are given to.
 *
 * @param backend     its own SQLite log, or a Redis or PostgreSQL that kmbd nodes share
 * @param url         the Redis URL or the PostgreSQL JDBC URL; kept while the embedded store is chosen, unused
 * @param busName     the shared bus's Redis key prefix or PostgreSQL schema, as the nodes' {@code kmb.bus_name}
 * @param keyRegistry the key registry file; null for {@code keys.yaml} in the data directory, when present
 */
public record EmbeddedBrokerSettings(Backend backend, String url, String busName, String keyRegistry) {
    public static final String DEFAULT_BUS_NAME = "kmb";
    public static final EmbeddedBrokerSettings DEFAULTS = new EmbeddedBrokerSettings(Backend.SQLITE, null,
            DEFAULT_BUS_NAME, null);
    /** As kmbd checks {@code kmb.bus_name}: it becomes a Redis key prefix or a PostgreSQL schema. */
    private static final Pattern BUS_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    public enum Backend {
        SQLITE("sqlite", "Embedded store (SQLite)", ""),
        REDIS("redis", "Redis", "redis://127.0.0.1:6379/0"),
        POSTGRES("postgres", "PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/kmb?user=kmb");

        private final String id;
        private final String title;
        private final String exampleUrl;

        Backend(String id, String title, String exampleUrl) {
            this.id = id;
            this.title = title;
            this.exampleUrl = exampleUrl;
        }

        /** As {@code --backend} spells it, and as the settings file keeps it. */
        public String id() {
            return id;
        }

        public String exampleUrl() {
            return exampleUrl;
        }

        public boolean shared() {
            return this != SQLITE;
        }

        public static Optional<Backend> fromId(String id) {
            for (Backend backend : values()) {
                if (backend.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                    return Optional.of(backend);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return title;
        }
    }

    public EmbeddedBrokerSettings {
        Objects.requireNonNull(backend, "backend");
        url = blankToNull(url);
        busName = busName == null || busName.isBlank() ? DEFAULT_BUS_NAME : busName.strip();
        keyRegistry = blankToNull(keyRegistry);
    }

    /** What is wrong with these settings, said as the form shows it; empty when they can be used. */
    public Optional<String> problem() {
        if (!backend.shared()) {
            return Optional.empty();
        }
        Optional<String> badUrl = backend == Backend.REDIS ? redisProblem() : postgresProblem();
        if (badUrl.isPresent()) {
            return badUrl;
        }
        if (!BUS_NAME.matcher(busName).matches()) {
            return Optional.of("The bus name must be 1 to 48 of a-z, 0-9 and _, not starting with a digit "
                    + "(it is the nodes' kmb.bus_name); got '" + busName + "'.");
        }
        return Optional.empty();
    }

    /** One line for people: the backend and where it is, with any password in the URL hidden. */
    public String describe() {
        return switch (backend) {
            case SQLITE -> backend.toString();
            case REDIS -> "Redis at " + withoutPassword(url) + ", bus '" + busName + "'";
            case POSTGRES -> "PostgreSQL at " + withoutPassword(url) + ", schema '" + busName + "'";
        };
    }

    private Optional<String> redisProblem() {
        String example = " such as " + Backend.REDIS.exampleUrl();
        if (url == null) {
            return Optional.of("Redis needs a URL" + example + ".");
        }
        try {
            URI uri = new URI(url);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                return Optional.of("The Redis URL must look like redis://host:6379/0 (redis or rediss); got '"
                        + withoutPassword(url) + "'.");
            }
        } catch (URISyntaxException e) {
            return Optional.of("The Redis URL is not a URL (" + e.getReason() + "); give one" + example + ".");
        }
        return Optional.empty();
    }

    private Optional<String> postgresProblem() {
        String example = " such as " + Backend.POSTGRES.exampleUrl();
        if (url == null) {
            return Optional.of("PostgreSQL needs a JDBC URL" + example + ".");
        }
        if (!url.startsWith(JDBC_PREFIX)) {
            return Optional.of("The PostgreSQL URL must be a JDBC URL starting with " + JDBC_PREFIX + "; got '"
                    + withoutPassword(url) + "'.");
        }
        try {
            if (new URI(url.substring("jdbc:".length())).getHost() == null) {
                return Optional.of("The PostgreSQL URL names no host; give one" + example + ".");
            }
        } catch (URISyntaxException e) {
            return Optional.of("The PostgreSQL URL is not a URL (" + e.getReason() + "); give one" + example + ".");
        }
        return Optional.empty();
    }

    /** {@code redis://:secret@host} and {@code ?password=secret} shown as {@code ***}. */
    static String withoutPassword(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceFirst("//([^/@:]*):[^/@]*@", "//$1:***@")
                .replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
