package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbd as a process: what it prints, how it refuses bad configuration, how it stops on SIGTERM. */
class KmbdTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void printsWhereItListensAndWhereItsDataLives() throws Exception {
        Path data = dir.resolve("data");
        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--port", "0", "--data", data.toString())) {
            String first = kmbd.nextLine();
            String second = kmbd.nextLine();

            assertThat(first).matches("kmbd listening on http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
            assertThat(second).isEqualTo("kmbd data in " + data.toAbsolutePath());
            String url = first.substring("kmbd listening on ".length());
            assertThat(send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build()).body()).contains("ok");
            assertThat(Files.exists(data.resolve("kmb.db"))).isTrue();
        }
    }

    @Test
    void theConfiguredTopicRegistryIsEnforcedAndServed() throws Exception {
        Path samples = Path.of("..", "sample-topics").toAbsolutePath().normalize();
        Path config = Files.writeString(dir.resolve("kmb.yaml"), "kmb:\n  topic_registry:\n    path: " + samples
                + "\n    unknown_topics: refuse\n");
        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--config", config.toString(), "--port", "0",
                "--backend", "memory")) {
            String url = kmbd.nextLine().substring("kmbd listening on ".length());

            HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create(url + "/v1/registry/topics")).build());
            HttpResponse<String> invalid = send(HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"topic\":\"agent.health.heartbeat\",\"payload\":{\"agent\":\"a\"}}")).build());
            HttpResponse<String> undescribed = send(HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"orders.created\",\"payload\":{}}")).build());

            assertThat(listed.body()).contains("\"vector.upsert\"");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("\"schema_invalid\"", "uptime_s");
            assertThat(undescribed.body()).contains("no descriptor");
        }
    }

    @Test
    void theConfiguredRetentionRemovesOldHistory() throws Exception {
        Path config = Files.writeString(dir.resolve("kmb.yaml"),
                "kmb:\n  durability: durable\n  retention:\n    max_age: 1s\n    interval: 200ms\n");
        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--config", config.toString(), "--port", "0",
                "--data", dir.resolve("data").toString())) {
            String url = kmbd.nextLine().substring("kmbd listening on ".length());
            HttpResponse<String> published = send(HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"old.news\",\"payload\":{}}")).build());
            HttpRequest history = HttpRequest.newBuilder(URI.create(url + "/v1/messages?filter=old.news")).build();
            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(send(history).body()).contains("old.news");

            Thread.sleep(2_000);

            assertThat(send(history).body()).as("older than max_age: gone").doesNotContain("old.news");
        }
    }

    @Test
    void anUnknownConfigKeyStopsStartUpNamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("kmb.yaml"), "kmb:\n  prot: 7420\n");
        KmbdProcess kmbd = KmbdProcess.start(dir, "--config", config.toString(), "--data", dir.toString());

        assertThat(kmbd.awaitExit()).isEqualTo(Kmbd.CONFIG_ERROR);
        assertThat(kmbd.log()).contains("unknown key 'kmb.prot'");
    }

    @Test
    void aPublicAddressWithoutAuthIsRefused() {
        KmbdProcess kmbd = KmbdProcess.start(dir, "--bind", "0.0.0.0", "--port", "0", "--backend", "memory");

        assertThat(kmbd.awaitExit()).isEqualTo(Kmbd.CONFIG_ERROR);
        assertThat(kmbd.log()).contains("refusing to bind 0.0.0.0").contains("--allow-insecure");
    }

    @Test
    void aJwtSecretLetsItServeAPublicAddressAndEveryRequestNeedsAToken() throws Exception {
        Path config = Files.writeString(dir.resolve("kmb.yaml"),
                "kmb:\n  auth:\n    jwt_secret: kmbd-test-secret-of-at-least-32-bytes\n");
        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--config", config.toString(), "--bind", "0.0.0.0",
                "--port", "0", "--backend", "memory")) {
            String url = kmbd.awaitListening().replace("0.0.0.0", "127.0.0.1");
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url + "/v1/topics")).build());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(kmbd.log()).contains("client authentication on");
        }
    }

    @Test
    void sigtermStopsGracefullyAndKeepsWhatWasAcknowledged() throws Exception {
        Path data = dir.resolve("data");
        String url;
        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--port", "0", "--data", data.toString())) {
            url = kmbd.awaitListening();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/v1/messages?durable=true"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"m" + i + "\",\"topic\":\"t\"}")).build());
                assertThat(answer.statusCode()).isEqualTo(200);
            }

            kmbd.process.destroy();

            assertThat(kmbd.awaitExit()).isIn(0, 143);
            assertThat(kmbd.log()).doesNotContain("Exception");
        }
        try (KmbdProcess again = KmbdProcess.start(dir, "--port", "0", "--data", data.toString())) {
            String restarted = again.awaitListening();
            String history = send(HttpRequest.newBuilder(URI.create(restarted + "/v1/messages?limit=100")).build()).body();
            for (int i = 0; i < 20; i++) {
                assertThat(history).contains("\"id\":\"m" + i + "\"");
            }
        }
    }
}
