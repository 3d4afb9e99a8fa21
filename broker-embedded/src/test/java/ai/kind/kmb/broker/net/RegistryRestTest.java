package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.registry.SampleTopicsCopy;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryRestTest {
    @TempDir
    Path dir;
    private TestServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = new TestServer(SampleTopicsCopy.into(dir));
        http = new Http(server.server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsEveryDescriptorInFullWithTheProblems() {
        Http.Answer answer = http.get("/v1/registry/topics");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode topics = answer.json().get("topics");
        assertThat(topics).hasSizeGreaterThanOrEqualTo(11);
        assertThat(answer.json().get("problems")).isEmpty();
    }

    @Test
    void showsOneTopicWithItsVersionsAndSettings() {
        JsonNode vault = http.get("/v1/registry/topics/vault.secret.accessed").json();

        assertThat(vault.get("signatures_required").asBoolean()).isTrue();
        assertThat(vault.get("retention").asText()).isEqualTo("PT2160H");
        assertThat(vault.get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(vault.get("versions").get(0).get("schema").get("required")).hasSize(4);
        assertThat(http.get("/v1/registry/topics/no.such.topic").status()).isEqualTo(404);
    }

    @Test
    void validatesAPayloadAndListsEveryViolation() {
        JsonNode verdict = http.post("/v1/registry/topics/agent.health.heartbeat/validate?version=v1",
                "{\"agent\":\"a\",\"status\":\"ok\",\"uptime_s\":1,\"inflight\":3}").json();

        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("version").asText()).isEqualTo("v1");
        assertThat(verdict.get("violations")).singleElement().satisfies(violation ->
                assertThat(violation.get("message").asText()).contains("inflight"));
        assertThat(http.post("/v1/registry/topics/agent.health.heartbeat/validate", "not json").status())
                .isEqualTo(400);
    }

    @Test
    void registersACompatibleVersionAndRefusesAnIncompatibleOneWithItsVerdict() {
        String compatible = "{\"schema\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
                + "\"additionalProperties\":false}}";
        String incompatible = "{\"schema\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"string\"}}}}";

        JsonNode dryRun = http.post("/v1/registry/topics/orders.created/versions?dry_run=true", compatible).json();
        JsonNode first = http.post("/v1/registry/topics/orders.created/versions", compatible).json();
        JsonNode refused = http.post("/v1/registry/topics/orders.created/versions", incompatible).json();

        assertThat(dryRun.get("registered").asBoolean()).isFalse();
        assertThat(first.get("registered").asBoolean()).isTrue();
        assertThat(first.get("version").asText()).isEqualTo("v1");
        assertThat(refused.get("compatible").asBoolean()).isFalse();
        assertThat(refused.get("version").asText()).isEqualTo("v2");
        assertThat(refused.get("incompatibilities")).extracting(item -> item.get("change").asText())
                .containsExactly("TYPE_CHANGED");
        assertThat(http.post("/v1/registry/topics/orders.created/versions", "{}").status()).isEqualTo(400);
    }
}
