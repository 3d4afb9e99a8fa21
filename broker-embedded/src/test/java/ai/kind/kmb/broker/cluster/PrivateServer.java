package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.store.RequiresService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Helpers for a server of a test's own (never the shared one others' tests use), which the test may
 * kill and restart: finding its binary, a free port, running a command, waiting for the port.
 */
final class PrivateServer {
    private PrivateServer() {
    }

    /** The binary, or the test is skipped saying so (failed under KMB_REQUIRE_SERVICES=1). */
    static Path requireBinary(Path binary, String what) {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        String message = what + " is not installed (no " + binary + "), so this test cannot run a private server";
        if ("1".equals(System.getenv(RequiresService.REQUIRE_VARIABLE))) {
            throw new IllegalStateException(message + "; " + RequiresService.REQUIRE_VARIABLE + "=1 makes this a failure");
        }
        Assumptions.abort(message + "; skipping (set " + RequiresService.REQUIRE_VARIABLE + "=1 to fail instead)");
        return binary;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end; its output goes to {@code log}. */
    static void run(Path log, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command + "\n" + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + command + "\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void awaitListening(int port, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + patience);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
