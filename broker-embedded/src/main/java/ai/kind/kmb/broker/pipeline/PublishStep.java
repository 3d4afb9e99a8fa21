package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;

/**
 * One step a published message passes through before the broker routes or stores it. A step that
 * throws a {@link ai.kind.kmb.KmbException} refuses the message with that error; any other
 * exception sends the message to the dead-letter queue with reason {@code handler_error}, so a
 * broken step never loses a message silently.
 */
@FunctionalInterface
public interface PublishStep {

    StepOutcome apply(Envelope message);

    /** Names the step in errors and dead-letter records. */
    default String name() {
        return getClass().getSimpleName();
    }
}
