package ai.kind.kmb.replay;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/** What a source yields next: a message to replay, or a place it could not be read. */
sealed interface SourceItem {

    record Message(Instant receivedAt, long offset, Envelope envelope) implements SourceItem {
    }

    record Unreadable(String reason) implements SourceItem {
    }
}
