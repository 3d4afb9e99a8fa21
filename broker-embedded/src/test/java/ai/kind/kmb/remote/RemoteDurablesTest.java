package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's durables admin against a real server, on a durable an SDK agent subscribed to over the
 * WebSocket: what a person debugging a stuck consumer asks, who holds what, with which settings,
 * and when it last moved.
 */
class RemoteDurablesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final LiveServer server = new LiveServer();
    private final RemoteBus agent = RemoteBus.connect(server.options().withClientId("billing-agent"));
    private final RemoteConnection operator = RemoteConnection.open(server.options());

    @AfterEach
    void close() {
        operator.close();
        agent.close();
        server.close();
    }

    /** The SDK sends acks without waiting for an answer: wait until the server has had them. */
    private void awaitUnsettled(long count) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (server.broker.durables().get("billing").unsettled() != count) {
            assertThat(Instant.now()).as("the server's count of unsettled messages reaching " + count).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aDurableShowsItsSettingsItsSubscribersAndWhenItLastDeliveredAndHadAnAck() throws Exception {
        Instant start = Instant.now();
        Received received = new Received();
        Subscription subscription = agent.subscribe(SubscribeOptions.durable("billing", "invoices.#")
                .withAckMode(AckMode.MANUAL).withAckWait(Duration.ofSeconds(45)).withMaxDeliver(7).withMaxInflight(20),
                received);
        List<Delivery> deliveries = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            server.broker.publish(Envelope.event("invoices.new", IntNode.valueOf(n)), PublishOptions.DURABLE).join();
            deliveries.add(received.next());
        }
        Instant delivered = Instant.now();
        NodeActivity unacked = operator.durables().get("billing").here();
        deliveries.getFirst().ack();
        awaitUnsettled(2);
        Instant acked = Instant.now();

        DurableInfo billing = operator.durables().get("billing");
        NodeActivity here = billing.here();
        assertThat(operator.durables().list()).singleElement().usingRecursiveComparison()
                .ignoringFields("nodes.reportedAt").as("as asked alone, but for when the server read its own activity")
                .isEqualTo(billing);
        subscription.close();
        awaitLeft();
        NodeActivity left = operator.durables().get("billing").here();

        assertThat(unacked.lastAcked()).as("no ack yet").isNull();
        assertThat(here.settings()).isEqualTo(new DurableSettings(Duration.ofSeconds(45), 7, List.of(), 20));
        assertThat(here.node()).as("a server alone on its store").isNull();
        assertThat(here.members()).isEqualTo(1);
        DurableSubscriber member = here.subscribers().getFirst();
        assertThat(member.clientId()).isEqualTo("billing-agent");
        assertThat(member.connection()).startsWith("conn-");
        assertThat(member.address()).startsWith("127.0.0.1:");
        assertThat(member.inProcess()).isFalse();
        assertThat(member.ack()).isEqualTo(AckMode.MANUAL);
        assertThat(member.inFlight()).as("two delivered, not yet acknowledged").isEqualTo(2);
        assertThat(member.since()).isBetween(start, delivered);
        assertThat(here.lastDelivered()).isBetween(start, delivered);
        assertThat(here.lastAcked()).isBetween(delivered, acked);
        assertThat(billing.nodes()).as("the server alone, serving it").singleElement()
                .satisfies(node -> assertThat(node.activity()).isEqualTo(here));
        assertThat(left.subscribers()).as("its subscriber left").isEmpty();
        assertThat(left.waiting()).as("what it held waits for the next one").isEqualTo(2);
    }

    private void awaitLeft() throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (server.broker.durables().get("billing").here().members() != 0) {
            assertThat(Instant.now()).as("the server seeing the subscriber leave").isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
