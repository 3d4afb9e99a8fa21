package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.security.AuthSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every file of docs/protocol-vectors against a fresh live server, as any SDK's test suite
 * may, so that the published vectors are proven against the real thing.
 */
class ProtocolVectorsTest {
    static final Path VECTORS = Path.of("..", "docs", "protocol-vectors");

    @TestFactory
    Stream<DynamicTest> everyVectorFilePasses() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(VECTORS)) {
            files = listed.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file)));
    }

    private static void replay(Path file) {
        JsonNode vector = read(file);
        // A vector naming a registry directory (relative to the repository) runs with it enforced; one
        // naming a JWT secret runs with tokens checked.
        JsonNode secret = vector.path("server").path("jwt_secret");
        try (TestServer server = vector.has("registry") ? new TestServer(Path.of("..", vector.get("registry").asText()))
                : secret.isTextual() ? new TestServer(AuthSettings.hmac(secret.asText())) : new TestServer();
             WsClient client = server.client(); RestSteps rest = new RestSteps(server)) {
            int index = 0;
            Map<String, JsonNode> saved = new HashMap<>();
            for (JsonNode step : vector.get("steps")) {
                int times = step.path("repeat").asInt(1);
                for (int i = 0; i < times; i++) {
                    String where = file.getFileName() + " step " + index;
                    if (step.has("http")) {
                        rest.run(step, where);
                    } else {
                        runStep(client, step, where, saved);
                    }
                }
                index++;
            }
        }
    }

    private static void runStep(WsClient client, JsonNode step, String where, Map<String, JsonNode> saved) {
        if (step.has("send")) {
            client.send(FramePattern.expand(step.get("send"), saved));
        } else {
            client.send(step.get("send_raw").asText());
        }
        List<JsonNode> unmatched = new ArrayList<>();
        step.path("expect").forEach(unmatched::add);
        int expected = unmatched.size();
        for (int i = 0; i < expected; i++) {
            JsonNode frame = client.next();
            String problems = "";
            boolean matched = false;
            for (JsonNode pattern : unmatched) {
                String problem = FramePattern.mismatch(pattern, frame, "");
                if (problem == null) {
                    FramePattern.save(pattern, frame, saved);
                    unmatched.remove(pattern);
                    matched = true;
                    break;
                }
                problems += "\n  against " + pattern + ": " + problem;
            }
            assertThat(matched).as(where + ": frame " + frame + " matches no expected frame" + problems).isTrue();
        }
        if (step.has("expect_close")) {
            assertThat(client.closeCode()).as(where + ": close code").isEqualTo(step.get("expect_close").asInt());
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
