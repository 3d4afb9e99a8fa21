package ai.kind.kmb.remote;

import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.registry.RegistryJson;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.ValidationVerdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The topic registry of a KMB server, over its REST routes; each call is one blocking request. */
final class RemoteRegistry implements Registry {
    private final RestClient rest;

    RemoteRegistry(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<TopicDescriptor> topics() {
        return RegistryJson.topics(rest.registryTopics());
    }

    @Override
    public TopicDescriptor topic(String name) {
        return RegistryJson.descriptor(rest.registryTopic(name));
    }

    @Override
    public List<RegistryProblem> problems() {
        return RegistryJson.problems(rest.registryTopics());
    }

    @Override
    public ValidationVerdict validate(String topic, String version, JsonNode payload) {
        return RegistryJson.validationVerdict(rest.validatePayload(topic, version, payload));
    }

    @Override
    public CompatibilityVerdict register(String topic, JsonNode schema, boolean dryRun) {
        return RegistryJson.compatibilityVerdict(rest.registerSchema(topic, schema, dryRun));
    }
}
