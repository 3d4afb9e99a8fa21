package ai.kind.kmb.replay;

import ai.kind.kmb.recording.RecordingEntry;
import ai.kind.kmb.recording.RecordingReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Streams a recording through {@link RecordingReader}, applying the filter, and turns each line
 * the reader could not read into an {@link SourceItem.Unreadable} at its place in the sequence.
 */
final class RecordingCursor implements SourceCursor {
    private final RecordingReader reader;
    private final Iterator<RecordingEntry> entries;
    private final ReplayOptions options;
    private long problemsSeen;

    private RecordingCursor(RecordingReader reader, ReplayOptions options) {
        this.reader = reader;
        this.entries = reader.iterator();
        this.options = options;
    }

    static RecordingCursor open(Path path, ReplayOptions options) throws IOException {
        return new RecordingCursor(RecordingReader.open(path), options);
    }

    @Override
    public SourceItem next() {
        while (true) {
            // hasNext() reads ahead, and may note problems with lines before the next entry.
            boolean more = entries.hasNext();
            if (problemsSeen < reader.problemCount()) {
                return unreadable(problemsSeen++);
            }
            if (!more) {
                return null;
            }
            RecordingEntry entry = entries.next();
            if (options.matches(entry.message().topic())) {
                return new SourceItem.Message(entry.receivedAt(), entry.offset(), entry.message());
            }
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Nothing was written to the file, so a failed close loses nothing; the replay's outcome stands.
        }
    }

    private SourceItem unreadable(long index) {
        if (index < reader.problems().size()) {
            return new SourceItem.Unreadable(reader.name() + " " + reader.problems().get((int) index));
        }
        return new SourceItem.Unreadable(reader.name() + ": another unreadable line (details are kept for the first "
                + RecordingReader.MAX_PROBLEMS_KEPT + " only)");
    }
}
