package ai.kind.kmb.broker.registry;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.ValidationVerdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The registry of a broker started without one: no topic is described, and nothing can be registered. */
public final class EmptyRegistry implements Registry {
    public static final EmptyRegistry INSTANCE = new EmptyRegistry();
    private static final String WHY = "this broker has no topic registry (set kmb.topic_registry.path)";

    private EmptyRegistry() {
    }

    /** The broker's registry, or this one when it has none. */
    public static Registry orEmpty(Optional<? extends Registry> registry) {
        return registry.<Registry>map(present -> present).orElse(INSTANCE);
    }

    @Override
    public List<TopicDescriptor> topics() {
        return List.of();
    }

    @Override
    public TopicDescriptor topic(String name) {
        throw new KmbException(ErrorCode.NOT_FOUND, "topic '" + name + "' has no descriptor: " + WHY);
    }

    @Override
    public List<RegistryProblem> problems() {
        return List.of();
    }

    @Override
    public ValidationVerdict validate(String topic, String version, JsonNode payload) {
        if (version != null) {
            throw new KmbException(ErrorCode.NOT_FOUND, "topic '" + topic + "' has no version " + version + ": " + WHY);
        }
        return new ValidationVerdict(topic, null, false, List.of());
    }

    @Override
    public CompatibilityVerdict register(String topic, JsonNode schema, boolean dryRun) {
        throw new KmbException(ErrorCode.UNAVAILABLE, "cannot register a schema for '" + topic + "': " + WHY);
    }
}
