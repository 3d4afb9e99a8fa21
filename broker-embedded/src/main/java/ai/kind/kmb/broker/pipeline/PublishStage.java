package ai.kind.kmb.broker.pipeline;

/**
 * Where a {@link PublishStep} runs on the publish path, in this order. Validation (the registry's
 * schema check, signature verification) sits between the steps that shape a message and the steps
 * that act on a message known to be valid.
 */
public enum PublishStage {
    BEFORE_VALIDATION,
    VALIDATION,
    AFTER_VALIDATION
}
