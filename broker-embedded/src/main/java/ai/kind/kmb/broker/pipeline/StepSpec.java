package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.TopicFilter;
import java.util.Objects;

/**
 * One configured step: the topics it acts on, the stage it runs in, what it does. {@code index} is
 * its place in the configured list, used in its name.
 */
public record StepSpec(int index, TopicFilter filter, PublishStage stage, StepAction action) {
    public StepSpec {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(action, "action");
    }
}
