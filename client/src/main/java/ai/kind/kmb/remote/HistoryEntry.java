package ai.kind.kmb.remote;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/** A stored message as the history routes answer it: its log offset, when the server received it, the envelope. */
public record HistoryEntry(long offset, Instant receivedAt, Envelope message) {
}
