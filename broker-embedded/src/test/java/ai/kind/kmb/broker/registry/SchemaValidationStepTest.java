package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaValidationStepTest {
    private Broker broker = brokerWith(UnknownTopics.ALLOW);

    private static Broker brokerWith(UnknownTopics unknownTopics) {
        Broker broker = new Broker(new InMemoryStore(), BrokerOptions.defaults(), Clock.systemUTC());
        broker.useRegistry(TopicRegistry.load(SampleTopicsCopy.DIRECTORY, unknownTopics));
        return broker;
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private static ObjectNode heartbeat() {
        return Json.object().put("agent", "planner").put("status", "ok").put("uptime_s", 30).put("inflight", 1);
    }

    private static Envelope message(String topic, ObjectNode payload, String version) {
        Metadata metadata = Metadata.EMPTY;
        if (version != null) {
            metadata = new Metadata(null, null, null, null, null, version, null, null, null, null, null, null);
        }
        return Envelope.of(topic, MessageType.EVENT, payload, metadata);
    }

    private KmbException refusal(Envelope message) {
        try {
            broker.publish(message, PublishOptions.DURABLE).join();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof KmbException refused) {
                return refused;
            }
            throw e;
        }
        throw new AssertionError("the publish was accepted");
    }

    @Test
    void aValidPayloadIsStoredAgainstTheLatestVersionWhenNoneIsNamed() {
        assertThat(broker.publish(message("agent.health.heartbeat", heartbeat(), null), PublishOptions.DURABLE)
                .join().offset()).isPositive();
    }

    @Test
    void anInvalidPayloadIsRefusedWithSchemaInvalidAndEveryViolation() {
        ObjectNode payload = heartbeat().put("status", "asleep").put("uptime_s", -1).put("colour", "red");
        payload.remove("agent");

        KmbException refused = refusal(message("agent.health.heartbeat", payload, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
        assertThat(refused.getMessage()).contains("v2", "4 violations");
        assertThat(refused.details()).extracting(ErrorDetail::field)
                .containsExactlyInAnyOrder("", "", "/status", "/uptime_s");
        assertThat(refused.details()).extracting(ErrorDetail::reason).anySatisfy(reason ->
                assertThat(reason).contains("agent")).anySatisfy(reason -> assertThat(reason).contains("colour"));
        assertThat(broker.store().lastOffset()).isZero();
    }

    @Test
    void theSchemaVersionInTheMetadataChoosesTheSchema() {
        assertThat(broker.publish(message("agent.health.heartbeat", heartbeat(), "v2"), PublishOptions.DURABLE)
                .join().offset()).isPositive();

        KmbException refused = refusal(message("agent.health.heartbeat", heartbeat(), "v1"));

        assertThat(refused.details()).singleElement().satisfies(detail ->
                assertThat(detail.reason()).contains("inflight"));
    }

    @Test
    void anUnknownSchemaVersionIsAViolation() {
        KmbException refused = refusal(message("agent.health.heartbeat", heartbeat(), "v9"));

        assertThat(refused.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
        assertThat(refused.details()).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo("/metadata/schema_version");
            assertThat(detail.reason()).contains("v9", "[v1, v2]");
        });
    }

    @Test
    void aTopicThatSaysSoDeadLettersAnInvalidPayloadWithSchemaInvalid() {
        ObjectNode click = Json.object().put("ui", "kos-console");

        KmbException refused = refusal(message("kmb.ui.command.button.click", click, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
        assertThat(refused.getMessage()).contains("kept as dead letter", "button_id");
        List<DeadLetter> letters = broker.deadLetters().list(new DeadLetterQuery(null, null, 10));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.death().reason()).isEqualTo(DeathReason.SCHEMA_INVALID);
            assertThat(letter.message().topic()).isEqualTo("kmb.ui.command.button.click");
        });
    }

    @Test
    void protobufTopicsParseThePayloadStrictlyIntoTheDeclaredMessage() {
        ObjectNode upsert = Json.object().put("collection", "runbooks").put("id", "a");
        upsert.putArray("values").add(0.5).add(-1);
        assertThat(broker.publish(message("vector.upsert", upsert, null), PublishOptions.DURABLE).join().offset())
                .isPositive();

        KmbException unknownField = refusal(message("vector.upsert", upsert.deepCopy().put("colour", "red"), null));
        KmbException wrongType = refusal(message("vector.upsert", (ObjectNode) upsert.deepCopy().set("id", Json.object()), null));

        assertThat(unknownField.details()).singleElement().satisfies(detail ->
                assertThat(detail.reason()).contains("kmb.samples.VectorUpsert", "colour"));
        assertThat(wrongType.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
    }

    @Test
    void undescribedTopicsPassWhenAllowedAndAreRefusedWhenNot() {
        Envelope free = message("orders.created", Json.object().put("n", 1), null);
        assertThat(broker.publish(free, PublishOptions.DURABLE).join().offset()).isPositive();
        broker.close();
        broker = brokerWith(UnknownTopics.REFUSE);

        KmbException refused = refusal(free);

        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.getMessage()).contains("orders.created", "no descriptor");
        assertThat(broker.publish(message("_inbox.agent-7", Json.object(), null), PublishOptions.EPHEMERAL).join())
                .isNotNull();
    }

    @Test
    void aBrokerUsesOneRegistryOnly() {
        assertThatThrownBy(() -> broker.useRegistry(TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.ALLOW)))
                .isInstanceOf(IllegalStateException.class);
    }
}
