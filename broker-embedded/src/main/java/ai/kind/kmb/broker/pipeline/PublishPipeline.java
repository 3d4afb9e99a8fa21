package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.dlq.DeathReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ordered steps every published message passes through, stage by stage. Steps may be added
 * while the broker runs (the registry reloads, plugins load); a publish sees a consistent list per
 * stage because each stage's list is copy-on-write.
 */
public final class PublishPipeline {
    private final Map<PublishStage, List<PublishStep>> steps = new EnumMap<>(PublishStage.class);

    public PublishPipeline() {
        for (PublishStage stage : PublishStage.values()) {
            steps.put(stage, new CopyOnWriteArrayList<>());
        }
    }

    public void add(PublishStage stage, PublishStep step) {
        steps.get(stage).add(step);
    }

    public boolean remove(PublishStage stage, PublishStep step) {
        return steps.get(stage).remove(step);
    }

    public boolean isEmpty() {
        return steps.values().stream().allMatch(List::isEmpty);
    }

    /** Runs every step in stage order; the first outcome other than {@code Continue} ends the run. */
    public StepOutcome run(Envelope message) {
        Envelope current = message;
        for (PublishStage stage : PublishStage.values()) {
            for (PublishStep step : steps.get(stage)) {
                StepOutcome outcome = applyGuarded(step, current);
                if (!(outcome instanceof StepOutcome.Continue(Envelope next))) {
                    return outcome;
                }
                current = next;
            }
        }
        return new StepOutcome.Continue(current);
    }

    private static StepOutcome applyGuarded(PublishStep step, Envelope message) {
        try {
            StepOutcome outcome = step.apply(message);
            if (outcome == null) {
                return new StepOutcome.DeadLetter(message, DeathReason.HANDLER_ERROR, ErrorCode.INTERNAL,
                        "publish step '" + step.name() + "' returned no outcome");
            }
            return outcome;
        } catch (KmbException refused) {
            return new StepOutcome.Refuse(refused);
        } catch (RuntimeException failure) {
            return new StepOutcome.DeadLetter(message, DeathReason.HANDLER_ERROR, ErrorCode.INTERNAL,
                    "publish step '" + step.name() + "' failed: " + failure);
        }
    }
}
