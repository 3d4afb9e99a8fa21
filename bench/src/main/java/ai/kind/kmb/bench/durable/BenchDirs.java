package ai.kind.kmb.bench.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories for durable benchmarks. They go under {@code -Dkmb.bench.dir} (bench/run.sh
 * points it into bench/target, on the project's disk: fsync figures belong to a disk, and /tmp may
 * be memory) or else under the system's temporary directory.
 */
public final class BenchDirs {
    private BenchDirs() {
    }

    public static Path create(String prefix) {
        try {
            Path parent = Path.of(System.getProperty("kmb.bench.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent.toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
