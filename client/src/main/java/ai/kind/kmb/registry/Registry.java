package ai.kind.kmb.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The topic registry as a client sees it, in process or over REST: what each topic carries, which
 * descriptors are broken, checking a payload, and registering a new version. Failures are
 * {@link ai.kind.kmb.KmbException}s ({@code not_found} for a topic without a descriptor).
 */
public interface Registry {

    /** Every described topic, by name. */
    List<TopicDescriptor> topics();

    TopicDescriptor topic(String name);

    /** Descriptors and schemas that failed to load, with file and line. */
    List<RegistryProblem> problems();

    /** Checks {@code payload} against {@code version} of the topic, or its latest when null. */
    ValidationVerdict validate(String topic, String version, JsonNode payload);

    /**
     * Checks a JSON Schema as the topic's next version in the topic's compatibility mode and, when
     * compatible and not a dry run, writes it into the registry. A topic without a descriptor gets
     * one, with this schema as {@code v1}.
     */
    CompatibilityVerdict register(String topic, JsonNode schema, boolean dryRun);
}
