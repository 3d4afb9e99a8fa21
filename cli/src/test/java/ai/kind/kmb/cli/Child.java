package ai.kind.kmb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class in a child JVM on this test's class path, as bin/kmbd and bin/kmbctl start them:
 * real exit codes, real standard streams, real signals.
 */
final class Child implements AutoCloseable {
    final Process process;
    private final Path out;
    private final Path err;

    private Child(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static Child start(Path dir, Map<String, String> environment, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, main.getSimpleName() + "-", ".out");
            Path err = Files.createTempFile(dir, main.getSimpleName() + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("KMB_URL");
            builder.environment().remove("KMB_TOKEN");
            builder.environment().remove("KMB_CLIENT_ID");
            builder.environment().putAll(environment);
            return new Child(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the line kmbd prints once it serves, and returns its URL. */
    String awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : out().lines().toList()) {
                if (line.startsWith("kmbd listening on ")) {
                    return line.substring("kmbd listening on ".length()).strip();
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("kmbd exited with " + process.exitValue() + ": " + err());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("kmbd did not say where it listens within 60 s: " + err());
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after 90 s; stderr: " + err());
        }
        return process.exitValue();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
