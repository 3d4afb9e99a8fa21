package ai.kind.kmb.ui.dlq;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.recording.RecordingHeader;
import ai.kind.kmb.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Writes dead letters as a recording, so they can be kept, shared, inspected with kmbctl or
 * replayed once the bug that killed them is fixed. Each entry's receive time is the message's own
 * timestamp (its first death when it has none), so a replay keeps the gaps the traffic had; the
 * offset is -1, as the letters are not in the log any more.
 */
final class LetterExport {
    private LetterExport() {
    }

    /** Creates {@code path} (never overwriting a file) and writes the letters; returns how many. */
    static long write(Path path, List<DeadLetter> letters, String source, String filter, Instant now) throws IOException {
        List<DeadLetter> ordered = letters.stream().sorted(Comparator.comparing(LetterExport::sentAt)).toList();
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of(source, filter, now))) {
            for (DeadLetter letter : ordered) {
                writer.write(sentAt(letter), -1, letter.message());
            }
            return writer.written();
        }
    }

    private static Instant sentAt(DeadLetter letter) {
        Instant stamped = letter.message().timestamp();
        return stamped != null ? stamped : letter.death().firstDeath();
    }
}
