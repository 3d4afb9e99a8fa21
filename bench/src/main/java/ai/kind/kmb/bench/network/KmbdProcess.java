package ai.kind.kmb.bench.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kmbd as a process of its own, on an ephemeral loopback port with the in-memory backend, from this
 * JVM's own class path. It runs in a session of its own ({@code setsid}), as the peers' servers do:
 * with the kernel's autogroup scheduling, a session is what gets a share of the CPU, so a server
 * inside the benchmark's JVM would have to share one with the clients while the peers' servers
 * each have their own.
 */
final class KmbdProcess implements AutoCloseable {
    private static final String LISTENING = "kmbd listening on ";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final URI url;
    private final Thread stopOnExit;

    private KmbdProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
        // A benchmark killed half-way must not leave a server behind.
        this.stopOnExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static KmbdProcess start() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), "ai.kind.kmb.broker.kmbd.Kmbd",
                "--port", "0", "--backend", "memory"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kmbd: " + command, e);
        }
        try {
            return new KmbdProcess(process, awaitUrl(process));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads kmbd's start-up lines until it says where it listens. */
    private static URI awaitUrl(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(LISTENING)) {
                    // kmbd may print more; a pipe nobody reads would stall it once full.
                    Thread.ofVirtual().name("kmbd-stdout").start(() -> forward(out));
                    return URI.create(line.substring(LISTENING.length()).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kmbd's output", e);
        }
        throw new IllegalStateException("kmbd exited before it listened (exit code "
                + process.exitValue() + "; its log is on standard error)");
    }

    private static void forward(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.err.println("kmbd: " + line);
            }
        } catch (IOException e) {
            // kmbd stopped; nothing more to forward.
        }
    }

    URI url() {
        return url;
    }

    /** Stops kmbd as an operator would (SIGTERM, a graceful shutdown), forcibly if it takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
}
