package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.registry.UnknownTopics;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbctl schema list|show|validate|register against a running server with a topic registry. */
class SchemaCommandsTest {
    private static final Path SAMPLES = Path.of("..", "sample-topics");
    private final TestKmbd kmbd = new TestKmbd();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        kmbd.close();
    }

    @Test
    void listShowsEveryTopicWithItsVersionsFormatAndMode() {
        kmbd.broker.useRegistry(TopicRegistry.load(SAMPLES, UnknownTopics.ALLOW));

        TestKmbd.Result listed = kmbd.kmbctl("schema", "list");

        assertThat(listed.code()).isZero();
        assertThat(listed.lines().getFirst()).contains("TOPIC", "VERSIONS", "FORMAT", "COMPATIBILITY");
        assertThat(listed.out()).containsPattern("agent\\.health\\.heartbeat +v1,v2 +json_schema +BACKWARD")
                .containsPattern("vector\\.upsert +v1 +protobuf")
                .containsPattern("vault\\.secret\\.accessed .* yes ");
    }

    @Test
    void showPrintsTheDescriptorAndEachSchema() throws Exception {
        kmbd.broker.useRegistry(TopicRegistry.load(SAMPLES, UnknownTopics.ALLOW));

        TestKmbd.Result shown = kmbd.kmbctl("schema", "show", "agent.health.heartbeat", "--schema-version", "v1");
        TestKmbd.Result json = kmbd.kmbctl("--json", "schema", "show", "vault.secret.accessed");
        TestKmbd.Result missing = kmbd.kmbctl("schema", "show", "no.such.topic");

        assertThat(shown.out()).contains("compatibility BACKWARD", "rate limit 50.0/s burst 100", "v1 (json_schema)",
                "\"additionalProperties\" : false").doesNotContain("v2 (");
        assertThat(Json.mapper().readTree(json.out()).get("signatures_required").asBoolean()).isTrue();
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void validateSaysValidOrListsEveryViolationAndExitsTwo() throws Exception {
        kmbd.broker.useRegistry(TopicRegistry.load(SAMPLES, UnknownTopics.ALLOW));
        Path payload = Files.writeString(dir.resolve("beat.json"), "{\"agent\":\"a\",\"status\":\"ok\",\"uptime_s\":1}");

        TestKmbd.Result valid = kmbd.kmbctl("schema", "validate", "agent.health.heartbeat", "@" + payload);
        TestKmbd.Result invalid = kmbd.kmbctl("schema", "validate", "agent.health.heartbeat",
                "{\"agent\":\"\",\"status\":\"ok\",\"uptime_s\":1,\"inflight\":2}", "--schema-version", "v1");

        assertThat(valid.code()).isZero();
        assertThat(valid.out().strip()).isEqualTo("valid against agent.health.heartbeat v2");
        assertThat(invalid.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(invalid.lines()).hasSize(3);
        assertThat(invalid.lines().getFirst()).isEqualTo("invalid against agent.health.heartbeat v1:");
        assertThat(invalid.out()).contains("  /: ", "inflight", "  /agent: ");
    }

    @Test
    void registerWritesACompatibleVersionAndListsWhyAnIncompatibleOneIsRefused() throws Exception {
        kmbd.broker.useRegistry(TopicRegistry.load(dir, UnknownTopics.ALLOW));
        String closed = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"additionalProperties\":false}";
        String widened = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"},\"m\":{\"type\":\"string\"}},"
                + "\"additionalProperties\":false}";

        TestKmbd.Result first = kmbd.kmbctl("schema", "register", "orders.created", closed);
        TestKmbd.Result dryRun = kmbd.kmbctl("schema", "register", "orders.created", widened, "--dry-run");
        TestKmbd.Result refused = kmbd.kmbctl("schema", "register", "orders.created", "{\"type\":\"string\"}");
        TestKmbd.Result json = kmbd.kmbctl("--json", "schema", "register", "orders.created", widened);

        assertThat(first.out().strip()).isEqualTo("registered orders.created v1 (BACKWARD compatible)");
        assertThat(dryRun.out()).contains("v2 would be BACKWARD compatible (dry run");
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.lines().getFirst()).isEqualTo("v2 of orders.created is not BACKWARD compatible:");
        assertThat(refused.out()).contains("v1 /type: TYPE_CHANGED");
        JsonNode verdict = Json.mapper().readTree(json.out());
        assertThat(verdict.get("registered").asBoolean()).isTrue();
        assertThat(dir.resolve("schemas/orders.created.v2.json")).exists();
    }
}
