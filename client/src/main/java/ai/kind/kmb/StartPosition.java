package ai.kind.kmb;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/** Where a new durable subscription starts reading the log. */
public sealed interface StartPosition {

    /** Only messages published after the subscription starts. */
    record New() implements StartPosition {
    }

    /** The oldest message still retained. */
    record Earliest() implements StartPosition {
    }

    /** The message at this offset and everything after it. */
    record AtOffset(long offset) implements StartPosition {
        public AtOffset {
            // A negative offset's wire form would be refused by parse, so it is refused here too.
            if (offset < 0) {
                throw new KmbException(ErrorCode.BAD_REQUEST, "from offset must be zero or more, got " + offset,
                        List.of(new ErrorDetail("from", "offset must be zero or more")));
            }
        }
    }

    /** The first message received at or after this time. */
    record AtTime(Instant time) implements StartPosition {
        public AtTime {
            Objects.requireNonNull(time, "time");
        }
    }

    StartPosition NEW = new New();
    StartPosition EARLIEST = new Earliest();

    /** Parses the wire form: {@code new}, {@code earliest}, an offset, or an RFC 3339 time. */
    static StartPosition parse(String text) {
        if (text == null || text.isBlank() || text.equals("new")) {
            return NEW;
        }
        if (text.equals("earliest")) {
            return EARLIEST;
        }
        // ASCII only: Character.isDigit and Long.parseLong would also take Arabic-Indic and other digits.
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return new AtOffset(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        try {
            return new AtTime(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    default String wireForm() {
        return switch (this) {
            case New n -> "new";
            case Earliest e -> "earliest";
            case AtOffset o -> Long.toString(o.offset());
            case AtTime t -> t.time().toString();
        };
    }

    private static KmbException invalid(String text) {
        String reason = "must be new, earliest, an offset or an RFC 3339 time, got '" + text + "'";
        return new KmbException(ErrorCode.BAD_REQUEST, "from " + reason, List.of(new ErrorDetail("from", reason)));
    }
}
