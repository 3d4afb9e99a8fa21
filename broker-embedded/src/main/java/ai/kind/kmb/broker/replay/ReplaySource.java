package ai.kind.kmb.broker.replay;

import ai.kind.kmb.broker.store.HistoryQuery;
import ai.kind.kmb.broker.store.MessageLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** What a replay reads. Either kind is streamed: only a page or a line is in memory at a time. */
public sealed interface ReplaySource {

    /**
     * Messages of a log received in {@code [from, to)} (either end may be null: open), read
     * {@code pageSize} at a time. Only messages already in the log when the replay starts take
     * part, so a replay never replays its own output.
     */
    record StoredRange(MessageLog log, Instant from, Instant to, int pageSize) implements ReplaySource {
        public static final int DEFAULT_PAGE_SIZE = 500;

        public StoredRange {
            Objects.requireNonNull(log, "log");
            if (pageSize < 1 || pageSize > HistoryQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("pageSize must be between 1 and " + HistoryQuery.MAX_LIMIT
                        + ", got " + pageSize);
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
            }
        }

        public StoredRange(MessageLog log, Instant from, Instant to) {
            this(log, from, to, DEFAULT_PAGE_SIZE);
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
