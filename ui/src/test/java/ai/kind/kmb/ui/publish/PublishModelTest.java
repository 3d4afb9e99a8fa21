package ai.kind.kmb.ui.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.kind.kmb.Json;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Sender;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.ui.feed.TopicActivity;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.Envelopes;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishModelTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final PublishModel model = new PublishModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC(), Duration.ofSeconds(5));

    @Test
    void anEventIsPublishedAndKeptInTheHistory() {
        model.topicProperty().set("orders.placed");
        model.payloadProperty().set("{\"order\": 7}");

        model.send();

        assertThat(model.outcomeProperty().get()).isEqualTo("Published to orders.placed · offset 1");
        assertThat(bus.query(HistoryQuery.all(10)).getFirst().envelope().payload().get("order").asInt()).isEqualTo(7);
        assertThat(model.history()).singleElement().satisfies(sent -> {
            assertThat(sent.type()).isEqualTo(MessageType.EVENT);
            assertThat(sent.outcome()).isEqualTo("Published to orders.placed · offset 1");
        });
    }

    @Test
    void aCommandWaitsOnItsOwnInboxUntilDoneAndThenClosesIt() {
        Responder.answer(bus, "orders.place", List.of("ACK", "DONE"), "{\"order\": 7}");
        model.topicProperty().set("orders.place");
        model.typeProperty().set(MessageType.COMMAND);

        model.send();

        assertThat(model.replies()).extracting(ReplyRow::status).containsExactly("ACK", "DONE");
        assertThat(model.outcomeProperty().get()).isEqualTo("Answered: 2 replies, last DONE");
        assertThat(model.waitingProperty().get()).isFalse();
        assertThat(bus.openSubscriptions()).as("only the responder's").isEqualTo(1);
        Envelope sent = bus.query(HistoryQuery.all(10)).getFirst().envelope();
        assertThat(sent.metadata().replyTo()).startsWith("_inbox.studio-");
        assertThat(sent.metadata().correlationId()).isNotBlank();
    }

    @Test
    void aQueryErrorIsShownAsAFailedReply() {
        Responder.answer(bus, "stock.level", List.of("error"), "{\"error\": \"unknown sku\"}");
        model.topicProperty().set("stock.level");
        model.typeProperty().set(MessageType.QUERY);

        model.send();

        assertThat(model.replies()).singleElement().satisfies(row -> {
            assertThat(row.failed()).isTrue();
            assertThat(row.summary()).isEqualTo("unknown sku");
            assertThat(row.json()).contains("\"status\" : \"error\"");
        });
    }

    @Test
    void noRespondersIsSaidPlainly() {
        model.topicProperty().set("stock.level");
        model.typeProperty().set(MessageType.QUERY);

        model.send();

        assertThat(model.errorProperty().get()).startsWith("No responders: nothing subscribes to stock.level, so the "
                + "query cannot be answered (no subscriber for query on 'stock.level')");
        assertThat(model.history().getFirst().outcome()).startsWith("No responders");
        assertThat(bus.openSubscriptions()).isZero();
        assertThat(model.waitingProperty().get()).isFalse();
    }

    @Test
    void aCommandWithoutItsFinalReplyTimesOut() throws InterruptedException {
        PublishModel quick = new PublishModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC(), Duration.ofMillis(50));
        Responder.answer(bus, "orders.place", List.of("ACK"), "{}");
        quick.topicProperty().set("orders.place");
        quick.typeProperty().set(MessageType.COMMAND);

        quick.send();
        for (int i = 0; i < 200 && quick.waitingProperty().get(); i++) {
            Thread.sleep(10);
        }

        assertThat(quick.errorProperty().get())
                .isEqualTo("No final reply within 50 ms after 1 reply to the command on orders.place");
        assertThat(bus.openSubscriptions()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        model.topicProperty().set("orders..place");
        model.send();
        assertThat(model.errorProperty().get()).startsWith("Topic: invalid topic 'orders..place'");

        model.topicProperty().set("orders.place");
        model.payloadProperty().set("{\"a\": ");
        model.send();
        assertThat(model.errorProperty().get()).startsWith("Payload is not valid JSON:").contains("(line 1, column");
        assertThat(model.history()).isEmpty();
        assertThat(bus.lastOffset()).isZero();
    }

    @Test
    void templatesComeFromTheLiveFeedThenTheHistory() {
        Envelope live = Envelopes.message("orders.place", MessageType.COMMAND, null, null, null, null, "p",
                Instant.now(), "{\"sku\": \"A-1\"}");
        model.activity(List.of(new TopicActivity("orders.place", 3, Instant.now(), live),
                new TopicActivity("_inbox.x", 1, Instant.now(), live)));
        assertThat(model.topics()).containsExactly("orders.place");

        model.topicProperty().set("orders.place");
        model.useTemplate();
        assertThat(model.payloadProperty().get()).contains("\"sku\" : \"A-1\"");
        assertThat(model.typeProperty().get()).isEqualTo(MessageType.COMMAND);

        bus.store(Instant.now(), Envelopes.event("stock.changed", null, "x", Instant.now()));
        model.topicProperty().set("stock.changed");
        model.useTemplate();
        assertThat(model.outcomeProperty().get()).isEqualTo("Started from the last event on stock.changed in the history");

        model.topicProperty().set("never.seen");
        model.useTemplate();
        assertThat(model.outcomeProperty().get()).isEqualTo("No message seen on never.seen yet: start from {}");
    }

    @Test
    void aBlankFormStartsFromTheLiveCommandTopicAndAFilledOneIsLeftAlone() {
        model.suggest();
        assertThat(model.topicProperty().get()).as("nothing seen, nothing suggested").isEmpty();

        model.activity(List.of(activity("agent.health.heartbeat", MessageType.EVENT, "{\"cpu\": 3}"),
                activity("stock.level", MessageType.QUERY, "{\"sku\": \"B-2\"}"),
                activity("orders.place", MessageType.COMMAND, "{\"sku\": \"A-1\"}"),
                activity("_inbox.x", MessageType.REPLY, "{}")));
        model.suggest();

        assertThat(model.topicProperty().get()).isEqualTo("orders.place");
        assertThat(model.typeProperty().get()).isEqualTo(MessageType.COMMAND);
        assertThat(model.payloadProperty().get()).contains("\"sku\" : \"A-1\"");

        model.topicProperty().set("stock.level");
        model.payloadProperty().set("{\"mine\": true}");
        model.suggest();
        assertThat(model.topicProperty().get()).isEqualTo("stock.level");

        model.topicProperty().set("");
        model.suggest();
        assertThat(model.topicProperty().get()).isEqualTo("orders.place");
        assertThat(model.payloadProperty().get()).as("a written payload is kept").isEqualTo("{\"mine\": true}");
    }

    @Test
    void sentMessagesNameTheStudioAsTheirSender() {
        model.topicProperty().set("orders.placed");
        model.send();

        assertThat(Sender.of(bus.query(HistoryQuery.all(10)).getFirst().envelope())).contains(PublishModel.AGENT);
    }

    private static TopicActivity activity(String topic, MessageType type, String payload) {
        Envelope last = Envelopes.message(topic, type, null, null, null, null, "p", Instant.now(), payload);
        return new TopicActivity(topic, 1, Instant.now(), last);
    }

    @Test
    void theHistoryIsBoundedAndASendCanBeRepeated() {
        model.topicProperty().set("a.b");
        for (int i = 0; i < PublishModel.HISTORY_SIZE + 5; i++) {
            model.send();
        }
        assertThat(model.history()).hasSize(PublishModel.HISTORY_SIZE);
        assertThat(model.history().getFirst().number()).isEqualTo(PublishModel.HISTORY_SIZE + 5);

        model.topicProperty().set("c.d");
        model.resend(model.history().getLast());

        assertThat(model.topicProperty().get()).isEqualTo("a.b");
        assertThat(bus.lastOffset()).isEqualTo(PublishModel.HISTORY_SIZE + 6);
    }

    @Test
    void aSchemaTemplateFillsThePayloadFromTheTopicsLatestVersion() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties").putObject("agent").put("type", "string");
        bus.registryFake().describe("agent.health.heartbeat", schema);

        model.topicProperty().set("agent.health.heartbeat");
        model.useSchemaTemplate();

        assertThat(model.payloadProperty().get()).contains("\"agent\" : \"\"");
        assertThat(model.outcomeProperty().get()).isEqualTo("Started from schema v1 of agent.health.heartbeat");

        model.topicProperty().set("orders.created");
        model.useSchemaTemplate();
        assertThat(model.outcomeProperty().get()).startsWith("orders.created has no schema in the registry");
    }
}
