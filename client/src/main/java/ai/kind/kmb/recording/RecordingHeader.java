package ai.kind.kmb.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * The first line of a recording: which format version it is written in, where the traffic came
 * from (a free-form description such as a broker URL), the filter it was recorded with, and when
 * recording started. {@code source} and {@code filter} may be null in files written by hand.
 */
public record RecordingHeader(int version, String source, String filter, Instant startedAt) {
    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public RecordingHeader {
        Objects.requireNonNull(startedAt, "startedAt");
    }

    public static RecordingHeader of(String source, String filter, Instant startedAt) {
        return new RecordingHeader(FORMAT_VERSION, source, filter, startedAt);
    }
}
