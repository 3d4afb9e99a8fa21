package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.dlq.DeathReason;
import java.util.Objects;

/** What a {@link PublishStep} decided about a message. */
public sealed interface StepOutcome {

    /** Go on with this message, changed or not. */
    record Continue(Envelope message) implements StepOutcome {
        public Continue {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Refuse the publish with this error; nothing is stored. */
    record Refuse(KmbException error) implements StepOutcome {
        public Refuse {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Keep the message in the dead-letter queue instead of the topic; the publisher is told it was
     * refused, with {@code code}, and where the letter is.
     */
    record DeadLetter(Envelope message, DeathReason reason, ErrorCode code, String error)
            implements StepOutcome {
        public DeadLetter {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(code, "code");
        }
    }

    /** Accept the publish but route and store nothing (a configured drop). */
    record Drop(String why) implements StepOutcome {
    }
}
