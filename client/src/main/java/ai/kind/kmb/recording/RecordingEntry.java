package ai.kind.kmb.recording;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import java.time.Instant;

/**
 * One recorded message: when it was received, its offset in the log it came from (or
 * {@link PublishAck#NOT_STORED} for a message that was never stored), and the envelope.
 * {@code lineNumber} is where it sits in the file, counting the header as line 1.
 */
public record RecordingEntry(long lineNumber, Instant receivedAt, long offset, Envelope message) {
}
