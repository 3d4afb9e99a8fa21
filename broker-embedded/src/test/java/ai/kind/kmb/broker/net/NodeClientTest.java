package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A client in another language speaks the protocol: Node with the {@code ws} package from npm runs
 * src/test/node/kmb-ws-client.js against a live server. Skips where Node or npm is missing, and
 * fails instead when KMB_REQUIRE_SERVICES=1, as CI sets it.
 */
class NodeClientTest {
    private static final Path SCRIPT = Path.of("src", "test", "node", "kmb-ws-client.js");
    private static final Path NODE_DIR = Path.of("target", "node-client");

    private final TestServer server = new TestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aNodeClientOnTheWsPackageSpeaksTheProtocol() throws Exception {
        requireTool("node");
        requireTool("npm");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("ws"))) {
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    NODE_DIR.toString(), "ws@8"), 300);
            assertThat(install.exit()).as("npm install ws:\n" + install.output()).isZero();
        }

        Result client = run(List.of("node", SCRIPT.toString(), server.server.webSocketUrl()), 60);

        assertThat(client.exit()).as(client.output()).isZero();
        assertThat(client.output()).contains("OK node client");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        // Output goes to a file, so a process that hangs cannot hang the test on a pipe.
        Path log = Files.createTempFile("kmb-node-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("NODE_PATH", NODE_DIR.resolve("node_modules").toAbsolutePath().toString());
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(finished ? process.exitValue() : -1, finished ? output : "timed out: " + command + "\n" + output);
    }

    private static void requireTool(String tool) throws InterruptedException {
        boolean present;
        try {
            present = run(List.of(tool, "--version"), 30).exit() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            String reason = tool + " is not on PATH; the non-Java client test needs Node.js and npm";
            if ("1".equals(System.getenv("KMB_REQUIRE_SERVICES"))) {
                throw new AssertionError(reason + " (KMB_REQUIRE_SERVICES=1)");
            }
            Assumptions.abort(reason);
        }
    }
}
