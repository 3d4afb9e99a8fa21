package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;
import java.util.Locale;

/** One publish hook of a plugin's {@link Interceptor}, as a step of its stage. */
record InterceptorStep(Interceptor interceptor, PublishStage stage) implements PublishStep {

    @Override
    public StepOutcome apply(Envelope message) {
        return switch (stage) {
            case BEFORE_VALIDATION -> interceptor.beforeValidation(message);
            case AFTER_VALIDATION -> interceptor.afterValidation(message);
            case VALIDATION -> throw new IllegalStateException("plugins have no validation hook");
        };
    }

    @Override
    public String name() {
        return interceptor.name() + " (" + stage.name().toLowerCase(Locale.ROOT) + ")";
    }
}
