package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.TopicFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration values from their text form, the same whether they came from YAML, the
 * environment or a flag. Each refusal is a reason phrase; the caller adds the key and source.
 */
public final class ValueParsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s:]+(:\\d{1,5})?");
    /** Both a Redis key prefix and a PostgreSQL schema name (unquoted, so lower case). */
    private static final Pattern BUS_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)");

    private ValueParsers() {
    }

    static int port(String text) {
        int port = wholeNumber(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("must be a port from 0 to 65535 (0 picks a free one), got " + text);
        }
        return port;
    }

    static int positive(String text) {
        int value = wholeNumber(text);
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1, got " + text);
        }
        return value;
    }

    /** The name of a shared bus: the Redis key prefix or the PostgreSQL schema its nodes use. */
    static String busName(String text) {
        if (!BUS_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("must be 1 to 48 of a-z 0-9 _, not starting with a digit, got '"
                    + text + "'");
        }
        return text;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false, got '" + text + "'");
        };
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}, or ISO-8601 such as {@code PT30S}. */
    public static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 2m, 1h or 7d, got '" + text + "'");
        }
    }

    /** A {@link #duration} longer than zero. */
    public static Duration positiveDuration(String text) {
        Duration parsed = duration(text);
        if (parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("must be longer than zero, got '" + text + "'");
        }
        return parsed;
    }

    /** Bytes, with an optional binary unit: {@code 1048576}, {@code 1024KiB}, {@code 1MB} (= 1 MiB); at most 2 GiB. */
    static int bytes(String text) {
        long value = storageBytes(text);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be from 1 byte to 2 GiB, got '" + text + "'");
        }
        return (int) value;
    }

    /** A size on disk: bytes with an optional binary unit up to {@code TiB} ({@code 10GiB}, {@code 1TB} = 1 TiB). */
    static long storageBytes(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be a size in bytes such as 1048576, 512KiB, 1MiB or 10GiB, got '"
                    + text + "'");
        }
        long unit = switch (matcher.group(2)) {
            case "KB", "KiB" -> 1L << 10;
            case "MB", "MiB" -> 1L << 20;
            case "GB", "GiB" -> 1L << 30;
            case "TB", "TiB" -> 1L << 40;
            default -> 1;
        };
        try {
            long value = Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
            if (value < 1) {
                throw new IllegalArgumentException("must be at least 1 byte, got '" + text + "'");
            }
            return value;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too large, got '" + text + "'", e);
        }
    }

    static String oneOf(String text, List<String> allowed) {
        if (!allowed.contains(text)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", allowed) + ", got '" + text + "'");
        }
        return text;
    }

    /** Comma-separated web origins, each {@code scheme://host[:port]} as browsers send them. */
    static Set<String> origins(String text) {
        Set<String> origins = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String origin = part.trim();
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("must be comma-separated origins such as http://localhost:3000"
                        + " (scheme, host and port, no path), got '" + origin + "'");
            }
            origins.add(origin);
        }
        return origins;
    }

    static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must be a path, got an empty value");
        }
        return Path.of(text);
    }

    static List<Path> paths(String text) {
        List<Path> paths = new ArrayList<>();
        for (String part : text.split(",")) {
            paths.add(path(part.trim()));
        }
        return List.copyOf(paths);
    }

    static List<TopicFilter> filters(String text) {
        List<TopicFilter> filters = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                filters.add(TopicFilter.parse(part.trim()));
            } catch (InvalidTopicException e) {
                throw new IllegalArgumentException("must be comma-separated topic filters, got '" + part.trim() + "'");
            }
        }
        return List.copyOf(filters);
    }

    static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text;
    }

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, got '" + text + "'");
        }
    }
}
