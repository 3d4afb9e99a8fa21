package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;

/**
 * The plugin interface: a jar in the plugins directory names its implementations in
 * {@code META-INF/services/ai.kind.kmb.broker.pipeline.Interceptor}. Each hook left as it is passes
 * messages through unchanged.
 * <ul>
 *   <li>{@link #beforeValidation} and {@link #afterValidation} run on the publisher's thread as
 *   {@link PublishStep}s in those stages: they may change, refuse (throw a {@code KmbException}),
 *   drop or dead-letter a message; any other exception dead-letters it with {@code handler_error}.
 *   <li>{@link #onDelivery} runs as a {@link DeliveryInterceptor}: on the subscription's thread.
 * </ul>
 */
public interface Interceptor {

    /** Names the plugin in logs, errors and dead-letter records. */
    default String name() {
        return getClass().getName();
    }

    default StepOutcome beforeValidation(Envelope message) {
        return new StepOutcome.Continue(message);
    }

    default StepOutcome afterValidation(Envelope message) {
        return new StepOutcome.Continue(message);
    }

    default Envelope onDelivery(DeliveryContext context, Envelope message) {
        return message;
    }
}
