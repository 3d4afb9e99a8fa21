package ai.kind.kmb.ui.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ends of a stored range as a person types them: blank (open), an RFC 3339 time
 * ({@code 2025-06-20T15:42:00Z}), or a time ago ({@code -15m}, {@code -2h}, {@code -30s}, {@code -1d}).
 */
final class TimeInput {
    private static final Pattern AGO = Pattern.compile("-(\\d+)\\s*([smhd])");

    private TimeInput() {
    }

    /** The instant, or null for blank; an {@link IllegalArgumentException} that says what is accepted otherwise. */
    static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        Matcher ago = AGO.matcher(trimmed);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a time: write 2025-06-20T15:42:00Z, or -15m, "
                    + "-2h, -1d for a time ago, or leave it blank");
        }
    }
}
