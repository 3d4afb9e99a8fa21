package ai.kind.kmb.dlq;

import ai.kind.kmb.PublishAck;
import ai.kind.kmb.recording.RecordingHeader;
import ai.kind.kmb.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Writes dead letters as a recording, so they can be kept, shared, inspected or replayed once the
 * bug that killed them is fixed; the letters stay where they are. Entries run oldest first, each
 * stamped with the message's own timestamp (its first death when it has none), so a replay keeps
 * the gaps the traffic had; the offset is -1, as the letters are not in the log any more.
 */
public final class DeadLetterExport {
    private DeadLetterExport() {
    }

    /**
     * Creates {@code path} (never overwriting a file; gzipped when the name ends in {@code .gz}) and
     * writes the letters; returns how many. {@code filter} is recorded in the header, may be null.
     */
    public static long write(Path path, List<DeadLetter> letters, String source, String filter, Instant now)
            throws IOException {
        List<DeadLetter> ordered = letters.stream().sorted(Comparator.comparing(DeadLetterExport::sentAt)).toList();
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of(source, filter, now))) {
            for (DeadLetter letter : ordered) {
                writer.write(sentAt(letter), PublishAck.NOT_STORED, letter.message());
            }
            return writer.written();
        }
    }

    private static Instant sentAt(DeadLetter letter) {
        Instant stamped = letter.message().timestamp();
        Instant died = letter.death().firstDeath();
        return stamped != null ? stamped : died != null ? died : Instant.EPOCH;
    }
}
