package ai.kind.kmb.replay;

import java.io.IOException;

/** Reads a source in order, holding only a page or a line at a time. Used by one thread. */
interface SourceCursor extends AutoCloseable {

    /** The next item, or null when the source is exhausted. */
    SourceItem next() throws IOException;

    @Override
    void close();

    /** Opens the source with the options' filter applied. */
    static SourceCursor open(ReplaySource source, ReplayOptions options) throws IOException {
        return switch (source) {
            case ReplaySource.StoredRange range -> new StoredRangeCursor(range, options.filter());
            case ReplaySource.RecordingFile file -> RecordingCursor.open(file.path(), options);
        };
    }
}
