package ai.kind.kmb.replay;

import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.History;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** What a replay reads. Either kind is streamed: only a page or a line is in memory at a time. */
public sealed interface ReplaySource {

    /**
     * Messages of a history received in {@code [from, to)} (either end may be null: open), read
     * {@code pageSize} at a time. Only messages already in the log when the replay starts take
     * part, so a replay never replays its own output.
     */
    record StoredRange(History history, Instant from, Instant to, int pageSize) implements ReplaySource {
        public static final int DEFAULT_PAGE_SIZE = 500;

        public StoredRange {
            Objects.requireNonNull(history, "history");
            if (pageSize < 1 || pageSize > HistoryQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("pageSize must be between 1 and " + HistoryQuery.MAX_LIMIT
                        + ", got " + pageSize);
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
            }
        }

        public StoredRange(History history, Instant from, Instant to) {
            this(history, from, to, DEFAULT_PAGE_SIZE);
        }

        @Override
        public String describe() {
            return "stored messages received from " + (from == null ? "the start" : from) + " to "
                    + (to == null ? "now" : to);
        }
    }

    /** A recording file, plain or gzipped. */
    record RecordingFile(Path path) implements ReplaySource {
        public RecordingFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return "recording " + path;
        }
    }

    /** One line a person can read, for logs and the replay console. */
    String describe();
}
