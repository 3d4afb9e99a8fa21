package ai.kind.kmb.broker.registry;

import ai.kind.kmb.registry.RegistryProblem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry directory as read at one moment: the topics that loaded and the problems of those
 * that did not. A descriptor that fails leaves the others standing; two descriptors naming the
 * same topic keep the first by file name and report the second.
 */
record RegistrySnapshot(Map<String, LoadedTopic> topics, List<RegistryProblem> problems) {
    static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), List.of());

    /** Topics by name, in name order. */
    RegistrySnapshot {
        topics = Collections.unmodifiableMap(new TreeMap<>(topics));
        problems = List.copyOf(problems);
    }

    static RegistrySnapshot read(Path directory) {
        Map<String, LoadedTopic> topics = new TreeMap<>();
        List<RegistryProblem> problems = new ArrayList<>();
        for (Path file : descriptorFiles(directory, problems)) {
            try {
                LoadedTopic topic = DescriptorLoader.load(file);
                LoadedTopic earlier = topics.putIfAbsent(topic.descriptor().name(), topic);
                if (earlier != null) {
                    problems.add(new RegistryProblem(file.getFileName().toString(), 0, "topic '"
                            + topic.descriptor().name() + "' is already described by " + earlier.file().getFileName()));
                }
            } catch (DescriptorException e) {
                problems.add(e.problem());
            }
        }
        return new RegistrySnapshot(topics, problems);
    }

    static boolean isDescriptor(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static List<Path> descriptorFiles(Path directory, List<RegistryProblem> problems) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, RegistrySnapshot::isDescriptorFile)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            problems.add(new RegistryProblem(directory.toString(), 0, "registry directory cannot be read: " + e));
        }
        files.sort(null);
        return files;
    }

    private static boolean isDescriptorFile(Path file) {
        return isDescriptor(file) && Files.isRegularFile(file);
    }
}
