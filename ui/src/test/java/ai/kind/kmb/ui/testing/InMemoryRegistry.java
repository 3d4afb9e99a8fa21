package ai.kind.kmb.ui.testing;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import ai.kind.kmb.registry.ValidationVerdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry for UI tests, which cannot run the broker's validators: descriptors are given, a
 * payload's violations are what the test says they are for its topic, and registering answers
 * with the incompatibilities the test set (none: registered as the next version).
 */
public final class InMemoryRegistry implements Registry {
    private final Map<String, TopicDescriptor> topics = new TreeMap<>();
    private final Map<String, List<ErrorDetail>> violations = new ConcurrentHashMap<>();
    private final List<RegistryProblem> problems = new ArrayList<>();
    private volatile List<Incompatibility> incompatibilities = List.of();

    public synchronized InMemoryRegistry describe(String topic, JsonNode... schemas) {
        List<TopicVersion> versions = new ArrayList<>();
        for (int i = 0; i < schemas.length; i++) {
            versions.add(new TopicVersion("v" + (i + 1), SchemaFormat.JSON_SCHEMA, schemas[i], null, List.of()));
        }
        topics.put(topic, new TopicDescriptor(topic, "about " + topic, "team", CompatibilityMode.BACKWARD, "durable",
                null, false, null, null, versions, topic + ".yaml"));
        return this;
    }

    public InMemoryRegistry violations(String topic, ErrorDetail... found) {
        violations.put(topic, List.of(found));
        return this;
    }

    public synchronized InMemoryRegistry problem(RegistryProblem problem) {
        problems.add(problem);
        return this;
    }

    public InMemoryRegistry incompatibilities(Incompatibility... found) {
        incompatibilities = List.of(found);
        return this;
    }

    @Override
    public synchronized List<TopicDescriptor> topics() {
        return List.copyOf(topics.values());
    }

    @Override
    public synchronized TopicDescriptor topic(String name) {
        TopicDescriptor topic = topics.get(name);
        if (topic == null) {
            throw new KmbException(ErrorCode.NOT_FOUND, "topic '" + name + "' has no descriptor");
        }
        return topic;
    }

    @Override
    public synchronized List<RegistryProblem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public synchronized ValidationVerdict validate(String topic, String version, JsonNode payload) {
        TopicDescriptor described = topics.get(topic);
        if (described == null) {
            return new ValidationVerdict(topic, null, false, List.of());
        }
        return new ValidationVerdict(topic, version == null ? described.latest().version() : version, true,
                violations.getOrDefault(topic, List.of()));
    }

    @Override
    public synchronized CompatibilityVerdict register(String topic, JsonNode schema, boolean dryRun) {
        TopicDescriptor described = topic(topic);
        String next = "v" + (described.versions().size() + 1);
        boolean write = incompatibilities.isEmpty() && !dryRun;
        if (write) {
            List<TopicVersion> versions = new ArrayList<>(described.versions());
            versions.add(new TopicVersion(next, SchemaFormat.JSON_SCHEMA, schema, null, List.of()));
            topics.put(topic, new TopicDescriptor(topic, described.description(), described.owner(),
                    described.compatibility(), described.durability(), null, false, null, null, versions,
                    described.source()));
        }
        return new CompatibilityVerdict(topic, next, described.compatibility(), incompatibilities.isEmpty(), write,
                incompatibilities);
    }
}
