package ai.kind.kmb;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads an envelope's RFC 3339 timestamp. What servers write, {@link Instant#toString()}'s UTC form
 * ({@code 2026-11-24T06:12:50.543123Z}), is read by hand: the JDK's formatter costs as much as
 * parsing the rest of a message. Anything else (an offset, lower-case letters, an impossible date)
 * goes to {@link OffsetDateTime#parse}, which reads or refuses it as before.
 */
final class Timestamps {
    /** {@code yyyy-MM-ddTHH:mm:ss}, the fixed part. */
    private static final int SECONDS_END = 19;

    private Timestamps() {
    }

    /** @throws DateTimeParseException if the text is not an RFC 3339 date-time */
    static Instant parse(String text) {
        Instant instant = utc(text);
        return instant != null ? instant : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant if the text has the form {@link Instant#toString()} writes; null otherwise. */
    private static Instant utc(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, SECONDS_END);
        int nanos = 0;
        if (length > SECONDS_END + 1) {
            int fractionEnd = length - 1;
            int fractionDigits = fractionEnd - SECONDS_END - 1;
            if (text.charAt(SECONDS_END) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(text, SECONDS_END + 1, fractionEnd);
            for (int i = fractionDigits; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
