package ai.kind.kmb.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfiguredStepTest {
    private static final Instant NOW = Instant.parse("2025-06-20T15:42:00Z");
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private int index;

    @AfterEach
    void close() {
        broker.close();
    }

    private ConfiguredStep step(String filter, StepAction action) {
        return new ConfiguredStep(new StepSpec(index++, TopicFilter.parse(filter), PublishStage.AFTER_VALIDATION,
                action), broker, clock, "node-a");
    }

    private static Envelope applied(ConfiguredStep step, Envelope message) {
        return ((StepOutcome.Continue) step.apply(message)).message();
    }

    private static Envelope secretMessage(String topic) {
        JsonNode payload = Json.object().put("user", "ada").put("secret", "hunter2")
                .set("cards", Json.mapper().createArrayNode().add("4111").add("5500"));
        return Envelope.event(topic, payload).stamped(NOW);
    }

    @Test
    void redactReplacesThePointedValuesAndLeavesTheOriginalPayloadAlone() {
        ConfiguredStep redact = step("agent.#", new StepAction.Redact(List.of(JsonPointer.compile("/payload/secret"),
                JsonPointer.compile("/payload/cards/1"), JsonPointer.compile("/payload/missing/deeper"))));
        Envelope original = secretMessage("agent.login");

        Envelope redacted = applied(redact, original);

        assertThat(redacted.payload().toString())
                .isEqualTo("{\"user\":\"ada\",\"secret\":\"[redacted]\",\"cards\":[\"4111\",\"[redacted]\"]}");
        assertThat(original.payload().get("secret").asText()).isEqualTo("hunter2");
        assertThat(applied(redact, secretMessage("orders.x")).payload().get("secret").asText()).isEqualTo("hunter2");
    }

    @Test
    void setOverwritesHeadersAndEnrichOnlyAddsWhatIsMissingWithDerivedValues() {
        Envelope message = secretMessage("agent.login").withMetadata(Metadata.EMPTY.withHeaders(
                Map.of("team", "sales", "region", "eu")));
        ConfiguredStep set = step("#", new StepAction.SetHeaders(Map.of("team", new HeaderTemplate("billing"),
                "seen", new HeaderTemplate("${received_time} on ${node_id} for ${topic}")), true));
        ConfiguredStep enrich = step("#", new StepAction.SetHeaders(Map.of("region", new HeaderTemplate("us"),
                "id", new HeaderTemplate("${message_id}"), "sender", new HeaderTemplate("[${client_id}]")), false));

        Map<String, String> headers = applied(enrich, applied(set, message)).metadata().headers();

        assertThat(headers).containsEntry("team", "billing").containsEntry("region", "eu")
                .containsEntry("seen", "2025-06-20T15:42:00Z on node-a for agent.login")
                .containsEntry("id", message.id()).containsEntry("sender", "[]");
    }

    @Test
    void copyPublishesACopyOnEachTopicAndACopyIsNotCopiedAgain() throws Exception {
        broker.pipeline().add(PublishStage.AFTER_VALIDATION, step("agent.#", new StepAction.CopyTo(List.of("audit.agent"))));
        broker.pipeline().add(PublishStage.AFTER_VALIDATION, step("audit.#", new StepAction.CopyTo(List.of("agent.echo"))));
        BlockingQueue<Delivery> audit = new LinkedBlockingQueue<>();
        BlockingQueue<Delivery> agent = new LinkedBlockingQueue<>();
        broker.subscribe(SubscribeOptions.ephemeral("audit.#"), audit::add);
        broker.subscribe(SubscribeOptions.ephemeral("agent.#"), agent::add);

        Envelope original = secretMessage("agent.login");
        broker.publish(original, PublishOptions.DURABLE).join();

        Delivery copy = audit.poll(10, TimeUnit.SECONDS);
        assertThat(copy).isNotNull();
        assertThat(copy.message().id()).isNotEqualTo(original.id());
        assertThat(copy.message().metadata().headers()).containsEntry(ConfiguredStep.COPY_OF, original.id());
        assertThat(copy.message().payload()).isEqualTo(original.payload());
        assertThat(agent.poll(10, TimeUnit.SECONDS).message().id()).isEqualTo(original.id());
        assertThat(audit).isEmpty();
        assertThat(agent).isEmpty();
    }

    @Test
    void dropAcceptsTheMessageButKeepsNothing() {
        broker.pipeline().add(PublishStage.AFTER_VALIDATION, step("noise.#", new StepAction.Drop()));

        PublishAck ack = broker.publish(secretMessage("noise.tick"), PublishOptions.DURABLE).join();

        assertThat(ack.offset()).isEqualTo(PublishAck.NOT_STORED);
        assertThat(broker.store().lastOffset()).isZero();
    }

    @Test
    void logPassesTheMessageOnUnchanged() {
        Envelope message = Envelope.of("agent.x", MessageType.EVENT, Json.object(), Metadata.EMPTY).stamped(NOW);

        assertThat(applied(step("#", new StepAction.Log(true)), message)).isSameAs(message);
        assertThat(step("agent.*", new StepAction.Log(false)).name()).isEqualTo("steps[1] log on agent.*");
    }
}
