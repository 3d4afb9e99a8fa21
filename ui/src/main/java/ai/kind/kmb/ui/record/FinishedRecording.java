package ai.kind.kmb.ui.record;

import java.nio.file.Path;
import java.time.Duration;

/** A recording made in this session: where it is, how long it ran, what it holds and what it missed. */
public record FinishedRecording(Path path, String filter, Duration length, long written, long dropped, String lastError) {
}
