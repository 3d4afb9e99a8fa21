package ai.kind.kmb.broker.registry;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import ai.kind.kmb.registry.ValidationVerdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic registry of one directory of descriptors: what each topic carries and how the broker
 * treats it. Reads see one consistent snapshot; {@link #reload()} replaces it whole, so a publish
 * never meets a half-loaded registry. A directory that does not exist is refused at start.
 */
public final class TopicRegistry implements Registry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicRegistry.class);

    private final Path directory;
    private final UnknownTopics unknownTopics;
    private final Object writes = new Object();
    private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;
    private RegistryWatcher watcher;

    private TopicRegistry(Path directory, UnknownTopics unknownTopics) {
        this.directory = directory;
        this.unknownTopics = unknownTopics;
    }

    /** Loads {@code directory}; broken descriptors are logged and listed in {@link #problems()}. */
    public static TopicRegistry load(Path directory, UnknownTopics unknownTopics) {
        if (!Files.isDirectory(directory)) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "topic registry " + directory + " is not a directory");
        }
        TopicRegistry registry = new TopicRegistry(directory, unknownTopics);
        registry.reload();
        return registry;
    }

    /** Loads {@code directory} and reloads it whenever a file in it changes, until closed. */
    public static TopicRegistry watch(Path directory, UnknownTopics unknownTopics) {
        TopicRegistry registry = load(directory, unknownTopics);
        try {
            registry.watcher = RegistryWatcher.start(registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch topic registry " + directory + ": " + e.getMessage(), e);
        }
        return registry;
    }

    /** Stops reloading on change; the registry keeps answering from what it last loaded. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    public Path directory() {
        return directory;
    }

    public UnknownTopics unknownTopics() {
        return unknownTopics;
    }

    /** Reads the directory again and swaps the snapshot in one step. */
    public void reload() {
        synchronized (writes) {
            RegistrySnapshot next = RegistrySnapshot.read(directory);
            next.problems().forEach(problem -> LOG.warn("topic registry: {}", problem));
            LOG.info("topic registry {}: {} topics, {} problems", directory, next.topics().size(),
                    next.problems().size());
            snapshot = next;
        }
    }

    public Optional<TopicDescriptor> descriptorFor(String topic) {
        return Optional.ofNullable(snapshot.topics().get(topic)).map(LoadedTopic::descriptor);
    }

    /** The topics whose descriptor sets a retention, with it: what the broker's retention passes apply. */
    public Map<String, Duration> retentions() {
        Map<String, Duration> retentions = new HashMap<>();
        snapshot.topics().forEach((topic, loaded) -> {
            if (loaded.descriptor().retention() != null) {
                retentions.put(topic, loaded.descriptor().retention());
            }
        });
        return retentions;
    }

    /** Whether messages on {@code topic} must carry a valid signature; false for undescribed topics. */
    public boolean signaturesRequired(String topic) {
        return descriptorFor(topic).map(TopicDescriptor::signaturesRequired).orElse(false);
    }

    @Override
    public List<TopicDescriptor> topics() {
        return snapshot.topics().values().stream().map(LoadedTopic::descriptor).toList();
    }

    @Override
    public TopicDescriptor topic(String name) {
        return loaded(name).descriptor();
    }

    @Override
    public List<RegistryProblem> problems() {
        return snapshot.problems();
    }

    @Override
    public ValidationVerdict validate(String topic, String version, JsonNode payload) {
        LoadedTopic loaded = snapshot.topics().get(topic);
        if (loaded == null) {
            if (version != null) {
                throw notDescribed(topic);
            }
            return new ValidationVerdict(topic, null, false, List.of());
        }
        TopicVersion chosen = version == null ? loaded.descriptor().latest()
                : loaded.descriptor().version(version).orElseThrow(() -> unknownVersion(loaded, version));
        return new ValidationVerdict(topic, chosen.version(), true,
                loaded.validators().get(chosen.version()).validate(payload));
    }

    /**
     * The verdict on a published payload, from one snapshot; empty when the topic has no descriptor.
     * A {@code schema_version} the topic does not have is itself a violation.
     */
    Optional<ValidationVerdict> checkPublished(String topic, String version, JsonNode payload) {
        LoadedTopic loaded = snapshot.topics().get(topic);
        if (loaded == null) {
            return Optional.empty();
        }
        if (version != null && loaded.descriptor().version(version).isEmpty()) {
            return Optional.of(new ValidationVerdict(topic, version, true,
                    unknownVersion(loaded, version).details()));
        }
        String chosen = version == null ? loaded.descriptor().latest().version() : version;
        return Optional.of(new ValidationVerdict(topic, chosen, true, loaded.validators().get(chosen).validate(payload)));
    }

    @Override
    public CompatibilityVerdict register(String topic, JsonNode schema, boolean dryRun) {
        synchronized (writes) {
            Optional<LoadedTopic> existing = Optional.ofNullable(snapshot.topics().get(topic));
            CompatibilityVerdict verdict = new Registration(directory, topic, existing).register(schema, dryRun);
            if (verdict.registered()) {
                reload();
            }
            return verdict;
        }
    }

    private LoadedTopic loaded(String name) {
        LoadedTopic loaded = snapshot.topics().get(name);
        if (loaded == null) {
            throw notDescribed(name);
        }
        return loaded;
    }

    private static KmbException notDescribed(String topic) {
        return new KmbException(ErrorCode.NOT_FOUND, "topic '" + topic + "' has no descriptor in the registry",
                List.of(new ErrorDetail("topic", "not in the registry")));
    }

    private static KmbException unknownVersion(LoadedTopic loaded, String version) {
        List<String> known = loaded.descriptor().versions().stream().map(TopicVersion::version).toList();
        return new KmbException(ErrorCode.BAD_REQUEST, "topic '" + loaded.descriptor().name()
                + "' has no version '" + version + "'; it has " + known,
                List.of(new ErrorDetail("/metadata/schema_version", "topic '" + loaded.descriptor().name()
                        + "' has no version '" + version + "'; it has " + known)));
    }
}
