package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.PublishOptions;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StepSpec} on the publish path. Messages its filter does not match pass untouched. Copies
 * are published through {@code bus} as the step runs, with the broker's default durability, and go
 * through the pipeline themselves; a copy carries {@value #COPY_OF} so copy steps leave it alone,
 * which is what stops two copy steps from feeding each other forever.
 */
public final class ConfiguredStep implements PublishStep {
    public static final String COPY_OF = "kmb_copy_of";
    static final TextNode REDACTED = TextNode.valueOf("[redacted]");
    private static final Logger LOG = LoggerFactory.getLogger("kmb.pipeline.log");
    private static final Logger FAILURES = LoggerFactory.getLogger(ConfiguredStep.class);

    private final StepSpec spec;
    private final Bus bus;
    private final Clock clock;
    private final String nodeId;

    public ConfiguredStep(StepSpec spec, Bus bus, Clock clock, String nodeId) {
        this.spec = spec;
        this.bus = bus;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    @Override
    public StepOutcome apply(Envelope message) {
        if (!spec.filter().matches(message.topic())) {
            return new StepOutcome.Continue(message);
        }
        return switch (spec.action()) {
            case StepAction.Redact redact -> new StepOutcome.Continue(redact(message, redact));
            case StepAction.SetHeaders set -> new StepOutcome.Continue(setHeaders(message, set));
            case StepAction.CopyTo copy -> {
                copy(message, copy);
                yield new StepOutcome.Continue(message);
            }
            case StepAction.Drop drop -> new StepOutcome.Drop("dropped by " + name());
            case StepAction.Log log -> {
                LOG.info("{} {} {} {}", name(), message.topic(), message.id(),
                        log.full() ? EnvelopeCodec.toJsonString(message) : message.type().wireName());
                yield new StepOutcome.Continue(message);
            }
        };
    }

    private static Envelope redact(Envelope message, StepAction.Redact redact) {
        JsonNode payload = message.payload().deepCopy();
        for (JsonPointer pointer : redact.pointers()) {
            JsonPointer inPayload = pointer.tail();
            if (inPayload.matches()) {
                payload = REDACTED;
                continue;
            }
            JsonNode parent = payload.at(inPayload.head());
            JsonPointer last = inPayload.last();
            if (parent instanceof ObjectNode object && object.has(last.getMatchingProperty())) {
                object.set(last.getMatchingProperty(), REDACTED);
            } else if (parent instanceof ArrayNode array && last.mayMatchElement()
                    && last.getMatchingIndex() < array.size()) {
                array.set(last.getMatchingIndex(), REDACTED);
            }
        }
        return message.withPayload(payload);
    }

    private Envelope setHeaders(Envelope message, StepAction.SetHeaders set) {
        Map<String, String> headers = new LinkedHashMap<>(message.metadata().headers());
        set.headers().forEach((name, template) -> {
            if (set.overwrite() || !headers.containsKey(name)) {
                headers.put(name, template.render(message, clock.instant(), nodeId));
            }
        });
        return message.withMetadata(message.metadata().withHeaders(headers));
    }

    private void copy(Envelope message, StepAction.CopyTo copy) {
        if (message.metadata().headers().containsKey(COPY_OF)) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(message.metadata().headers());
        headers.put(COPY_OF, message.id());
        for (String topic : copy.topics()) {
            Envelope copied = message.withTopic(topic).withId(null)
                    .withMetadata(message.metadata().withHeaders(headers));
            bus.publish(copied, new PublishOptions(null)).whenComplete((ack, error) -> {
                if (error != null) {
                    FAILURES.warn("{}: copy of {} to {} failed", name(), message.id(), topic, error);
                }
            });
        }
    }

    @Override
    public String name() {
        return "steps[" + spec.index() + "] " + actionName() + " on " + spec.filter().text();
    }

    private String actionName() {
        return switch (spec.action()) {
            case StepAction.Redact redact -> "redact";
            case StepAction.SetHeaders set -> set.overwrite() ? "set_headers" : "enrich_headers";
            case StepAction.CopyTo copy -> "copy_to";
            case StepAction.Drop drop -> "drop";
            case StepAction.Log log -> "log";
        };
    }
}
