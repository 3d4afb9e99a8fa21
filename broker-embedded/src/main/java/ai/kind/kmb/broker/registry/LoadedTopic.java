package ai.kind.kmb.broker.registry;

import ai.kind.kmb.registry.TopicDescriptor;
import java.nio.file.Path;
import java.util.Map;

/** A descriptor, the file it came from, and a compiled validator for each of its versions. */
record LoadedTopic(TopicDescriptor descriptor, Path file, Map<String, PayloadValidator> validators) {
    LoadedTopic {
        validators = Map.copyOf(validators);
    }
}
