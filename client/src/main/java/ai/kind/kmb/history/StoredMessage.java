package ai.kind.kmb.history;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/** A message as the log holds it: its offset, when the broker received it, and the envelope. */
public record StoredMessage(long offset, Instant receivedAt, Envelope envelope) {
}
