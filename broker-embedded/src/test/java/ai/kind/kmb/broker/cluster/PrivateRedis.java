package ai.kind.kmb.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free port, persisting to an append-only file with
 * {@code appendfsync always}: Redis fsyncs each write before replying, so a message it acknowledged
 * survives even kill -9 of Redis, which is what a restart test can then check. No RDB snapshots.
 */
final class PrivateRedis implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Path dir;
    private final int port = PrivateServer.freePort();
    private Process process;

    PrivateRedis(Path dir) {
        PrivateServer.requireBinary(BINARY, "redis-server");
        this.dir = dir;
        start();
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    void start() {
        try {
            process = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateServer.awaitListening(port, Duration.ofSeconds(20));
    }

    /** kill -9: whatever Redis had not fsynced is gone. */
    void crash() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        crash();
    }
}
