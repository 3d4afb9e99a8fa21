package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.pipeline.PluginJars;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbd started with pipeline steps, a plugin directory and a topic rate limit in its YAML, used through the SDK. */
class KmbdPipelineTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredPipelineShapesWhatSubscribersGetThroughTheSdk() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.build(dir, "stamp.jar", PluginJars.stampingAndThrowing(), List.of("plugins.test.Stamp"));
        Files.move(dir.resolve("stamp.jar"), plugins.resolve("stamp.jar"));
        Files.write(plugins.resolve("broken.jar"), new byte[] {'P', 'K', 0});
        Path config = Files.writeString(dir.resolve("kmb.yaml"), """
                kmb:
                  pipeline:
                    plugins_dir: %s
                    steps:
                      - {filter: "agent.#", redact: /payload/secret}
                      - {filter: "agent.#", set_headers: {env: prod, node: "${node_id}"}}
                      - {filter: "agent.#", copy_to: audit.agent}
                      - {filter: "noise.#", drop: true}
                  rate_limits:
                    topics:
                      - {filter: "limited.#", rate: 0.001, burst: 2}
                """.formatted(plugins));

        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--config", config.toString(), "--port", "0", "--backend",
                "memory")) {
            String url = kmbd.awaitListening();
            assertThat(kmbd.log()).contains("kmbd: plugin jar left out: broken.jar: not a readable jar");
            try (KmbClient client = KmbClient.connect(URI.create(url));
                 RestClient rest = RestClient.of(RemoteBusOptions.defaults(URI.create(url)))) {
                BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
                client.subscribe("#", received::add);

                client.publish(Envelope.event("noise.tick", Json.object()), PublishOptions.DURABLE).join();
                client.publish(Envelope.event("agent.login", Json.object().put("user", "ada").put("secret", "x")),
                        PublishOptions.DURABLE).join();

                // The copy is published while the original is still in the pipeline: either may come first.
                Map<String, Delivery> byTopic = Stream.of(next(received), next(received))
                        .collect(Collectors.toMap(delivery -> delivery.message().topic(), delivery -> delivery));
                assertThat(byTopic).as("noise was dropped").containsOnlyKeys("agent.login", "audit.agent");
                Delivery original = byTopic.get("agent.login");
                Delivery copy = byTopic.get("audit.agent");
                assertThat(original.message().payload().toString())
                        .isEqualTo("{\"user\":\"ada\",\"secret\":\"[redacted]\"}");
                assertThat(original.message().metadata().headers()).containsEntry("env", "prod")
                        .containsEntry("stamped", "yes").containsKey("node");
                assertThat(copy.message().payload()).isEqualTo(original.message().payload());

                assertThatThrownBy(() -> client.publish(Envelope.event("boom.x", Json.object()),
                        PublishOptions.DURABLE).join()).hasMessageContaining("plugin exploded");
                assertThat(rest.deadLetters(new DeadLetterQuery(DeathReason.HANDLER_ERROR, TopicFilter.parse("boom.#"), 10), 0).letters()).hasSize(1);

                long refused = 0;
                for (int i = 0; i < 5; i++) {
                    try {
                        client.publish(Envelope.event("limited.a", Json.object()), PublishOptions.EPHEMERAL).join();
                    } catch (CompletionException e) {
                        assertThat(((KmbException) e.getCause()).code()).isEqualTo(ErrorCode.RATE_LIMITED);
                        refused++;
                    }
                }
                assertThat(refused).isEqualTo(3);
                assertThat(metrics(url)).contains("kmb_rate_limit_rejected_total{scope=\"topic\",filter=\"limited.#\"} 3");
            }
        }
    }

    private static Delivery next(BlockingQueue<Delivery> received) throws InterruptedException {
        Delivery delivery = received.poll(10, TimeUnit.SECONDS);
        assertThat(delivery).as("a delivery within 10 s").isNotNull();
        return delivery;
    }

    private static String metrics(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
