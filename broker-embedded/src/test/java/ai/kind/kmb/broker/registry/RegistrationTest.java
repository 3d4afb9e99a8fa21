package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Incompatibility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationTest {
    @TempDir
    Path dir;

    private TopicRegistry copy() {
        return TopicRegistry.load(SampleTopicsCopy.into(dir), UnknownTopics.ALLOW);
    }

    private static ObjectNode heartbeatV3(TopicRegistry registry) {
        ObjectNode schema = (ObjectNode) registry.topic("agent.health.heartbeat").latest().schema().deepCopy();
        schema.withObject("/properties").putObject("zone").put("type", "string");
        return schema;
    }

    @Test
    void aCompatibleVersionIsWrittenAsTheNextVersionAndServedAtOnce() throws IOException {
        TopicRegistry registry = copy();

        CompatibilityVerdict verdict = registry.register("agent.health.heartbeat", heartbeatV3(registry), false);

        assertThat(verdict.compatible()).isTrue();
        assertThat(verdict.registered()).isTrue();
        assertThat(verdict.version()).isEqualTo("v3");
        assertThat(verdict.mode()).isEqualTo(CompatibilityMode.BACKWARD);
        assertThat(dir.resolve("schemas/agent.health.heartbeat.v3.json")).exists();
        assertThat(Files.readString(dir.resolve("agent.health.heartbeat.yaml")))
                .contains("schemas/agent.health.heartbeat.v3.json", "rate_limit");
        assertThat(registry.topic("agent.health.heartbeat").latest().version()).isEqualTo("v3");
        assertThat(TopicRegistry.load(dir, UnknownTopics.ALLOW).problems()).isEmpty();
        JsonNode zoned = Json.object().put("agent", "a").put("status", "ok").put("uptime_s", 1).put("zone", "eu");
        assertThat(registry.validate("agent.health.heartbeat", null, zoned).valid()).isTrue();
    }

    @Test
    void anIncompatibleVersionIsRefusedWithEveryIncompatibilityAndNothingIsWritten() throws IOException {
        TopicRegistry registry = copy();
        ObjectNode schema = heartbeatV3(registry);
        schema.withObject("/properties").remove("cpu");
        schema.withObject("/properties/uptime_s").put("type", "string");
        String before = Files.readString(dir.resolve("agent.health.heartbeat.yaml"));

        CompatibilityVerdict verdict = registry.register("agent.health.heartbeat", schema, false);

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.registered()).isFalse();
        assertThat(verdict.incompatibilities()).extracting(Incompatibility::pointer)
                .containsExactlyInAnyOrder("/properties/cpu", "/properties/uptime_s/type");
        assertThat(Files.readString(dir.resolve("agent.health.heartbeat.yaml"))).isEqualTo(before);
        assertThat(dir.resolve("schemas/agent.health.heartbeat.v3.json")).doesNotExist();
    }

    @Test
    void aDryRunGivesTheVerdictWithoutWriting() {
        TopicRegistry registry = copy();

        CompatibilityVerdict verdict = registry.register("agent.health.heartbeat", heartbeatV3(registry), true);

        assertThat(verdict.compatible()).isTrue();
        assertThat(verdict.registered()).isFalse();
        assertThat(registry.topic("agent.health.heartbeat").latest().version()).isEqualTo("v2");
    }

    @Test
    void aNewTopicGetsADescriptorWithTheSchemaAsV1() {
        TopicRegistry registry = copy();

        CompatibilityVerdict verdict = registry.register("orders.created", Json.object().put("type", "object"), false);

        assertThat(verdict.version()).isEqualTo("v1");
        assertThat(dir.resolve("orders.created.yaml")).exists();
        assertThat(registry.topic("orders.created").compatibility()).isEqualTo(CompatibilityMode.BACKWARD);
    }

    @Test
    void anUnusableSchemaIsABadRequest() {
        TopicRegistry registry = copy();

        assertThatThrownBy(() -> registry.register("orders.created", Json.object().put("type", "money"), false))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> registry.register("vector.upsert", Json.object(), false))
                .hasMessageContaining("Protobuf");
    }
}
