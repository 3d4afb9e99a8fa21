package ai.kind.kmb.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which topic registry the embedded broker enforces: {@code KMB_TOPIC_REGISTRY} when set (empty
 * means none), else {@code sample-topics/} in the working directory, so that the Studio run from
 * the repository (as {@code bin/kmb-studio} does) checks the demo's traffic against the samples.
 */
final class StudioRegistry {
    static final String VARIABLE = "KMB_TOPIC_REGISTRY";

    private StudioRegistry() {
    }

    static Optional<Path> locate(Map<String, String> environment, Path workingDirectory) {
        String configured = environment.get(VARIABLE);
        if (configured != null) {
            return configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
        }
        Path samples = workingDirectory.resolve("sample-topics");
        return Files.isDirectory(samples) ? Optional.of(samples) : Optional.empty();
    }
}
