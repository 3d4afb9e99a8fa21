package ai.kind.kmb.cli;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.replay.ReplaySpeed;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns option text into values. A value that does not convert is a usage error (exit 1), and
 * picocli names the option it was given to.
 */
final class Converters {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT1M30S}. */
    static Duration duration(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(trimmed);
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
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration such as 500ms, 30s, 5m, 2h or 1d");
        }
    }

    /** A duration as people write it: {@code 1s}, {@code 1500ms}, {@code 5m}. */
    static String text(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** An RFC 3339 time, or a duration meaning that long ago ({@code 15m}: fifteen minutes ago). */
    static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            if (SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT)).matches()) {
                return Instant.now().minus(duration(text));
            }
            throw new TypeConversionException("'" + text + "' is not an RFC 3339 time such as 2026-01-05T10:00:00Z,"
                    + " nor a time ago such as 15m or 2h");
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return time(value);
        }
    }

    /** {@code new}, {@code earliest}, an offset, an RFC 3339 time, or a time ago ({@code 10m}). */
    static final class StartConverter implements ITypeConverter<StartPosition> {
        @Override
        public StartPosition convert(String value) {
            if (SHORT_DURATION.matcher(value.strip().toLowerCase(Locale.ROOT)).matches()) {
                return new StartPosition.AtTime(time(value));
            }
            try {
                return StartPosition.parse(value.strip());
            } catch (KmbException e) {
                throw new TypeConversionException("'" + value + "' must be new, earliest, an offset, an RFC 3339"
                        + " time or a time ago such as 10m");
            }
        }
    }

    /** {@code max}, or a factor such as {@code 2}, {@code 0.5} or {@code 10x}. */
    static final class SpeedConverter implements ITypeConverter<ReplaySpeed> {
        @Override
        public ReplaySpeed convert(String value) {
            try {
                return ReplaySpeed.parse(value);
            } catch (KmbException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ReasonConverter implements ITypeConverter<DeathReason> {
        @Override
        public DeathReason convert(String value) {
            try {
                return DeathReason.fromWireName(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(DeathReason.values())
                        .map(DeathReason::wireName).collect(Collectors.joining(", ")));
            }
        }
    }
}
