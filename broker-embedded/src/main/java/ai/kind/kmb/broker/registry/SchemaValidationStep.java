package ai.kind.kmb.broker.registry;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Topics;
import ai.kind.kmb.broker.pipeline.PublishStep;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.registry.InvalidPayloadPolicy;
import ai.kind.kmb.registry.ValidationVerdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry's check on publish, in the pipeline's VALIDATION stage: the payload against the
 * schema of its {@code metadata.schema_version} (the latest when absent). An invalid payload is
 * refused with {@code schema_invalid} and every violation, or kept as a dead letter with that
 * reason when the topic's descriptor says {@code on_invalid: dead_letter}. Topics without a
 * descriptor pass or are refused as configured; system topics ({@code _...}) always pass.
 */
public final class SchemaValidationStep implements PublishStep {
    private final TopicRegistry registry;

    public SchemaValidationStep(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public StepOutcome apply(Envelope message) {
        if (Topics.isSystem(message.topic())) {
            return new StepOutcome.Continue(message);
        }
        Optional<ValidationVerdict> checked = registry.checkPublished(message.topic(),
                message.metadata().schemaVersion(), message.payload());
        if (checked.isEmpty()) {
            if (registry.unknownTopics() == UnknownTopics.REFUSE) {
                throw new KmbException(ErrorCode.BAD_REQUEST, "topic '" + message.topic()
                        + "' has no descriptor in the topic registry, and this broker refuses undescribed topics",
                        List.of(new ErrorDetail("/topic", "not in the topic registry")));
            }
            return new StepOutcome.Continue(message);
        }
        ValidationVerdict verdict = checked.get();
        if (verdict.valid()) {
            return new StepOutcome.Continue(message);
        }
        String summary = "payload of '" + message.topic() + "' does not match its schema " + verdict.version()
                + " (" + verdict.violations().size() + " violation" + (verdict.violations().size() == 1 ? "" : "s")
                + ")";
        if (registry.descriptorFor(message.topic()).map(d -> d.onInvalid() == InvalidPayloadPolicy.DEAD_LETTER)
                .orElse(false)) {
            String all = verdict.violations().stream().map(ErrorDetail::toString).collect(Collectors.joining("; "));
            return new StepOutcome.DeadLetter(message, DeathReason.SCHEMA_INVALID, ErrorCode.SCHEMA_INVALID,
                    summary + ": " + all);
        }
        throw new KmbException(ErrorCode.SCHEMA_INVALID, summary, verdict.violations());
    }

    @Override
    public String name() {
        return "schema-validation";
    }
}
