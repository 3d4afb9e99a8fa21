package ai.kind.kmb.broker.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shipped sample-topics/ directory, and copies of it that a test may change. */
public final class SampleTopicsCopy {
    public static final Path DIRECTORY = Path.of("..", "sample-topics").toAbsolutePath().normalize();

    private SampleTopicsCopy() {
    }

    public static Path into(Path target) {
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(DIRECTORY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
