package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every WebSocket op through RemoteBus against a real KmbServer. */
class RemoteOpsTest {
    private final LiveServer server = new LiveServer();
    private final RemoteBus bus = server.connect();

    @AfterEach
    void close() {
        bus.close();
        server.close();
    }

    private static Envelope event(String topic, int n) {
        return Envelope.event(topic, IntNode.valueOf(n));
    }

    private static List<Integer> numbers(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.message().payload().asInt()).toList();
    }

    @Test
    void aDurablePublishIsAckedWithItsOffsetInTheServersLog() throws Exception {
        PublishAck ack = bus.publish(event("orders.created", 1), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);

        assertThat(ack.offset()).isPositive().isEqualTo(server.broker.store().lastOffset());
        assertThat(ack.duplicate()).isFalse();
    }

    @Test
    void publishingTheSameIdTwiceIsAckedAsADuplicate() throws Exception {
        Envelope message = event("orders.created", 1).withId("order-1");
        PublishAck first = bus.publish(message, PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
        PublishAck second = bus.publish(message, PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);

        assertThat(second.duplicate()).isTrue();
        assertThat(second.offset()).isEqualTo(first.offset());
    }

    @Test
    void anEphemeralSubscriptionGetsWhatIsPublishedAfterItInOrder() throws Exception {
        Received received = new Received();
        bus.subscribe(SubscribeOptions.ephemeral("agent.*.heartbeat"), received);
        for (int i = 0; i < 100; i++) {
            bus.publish(event("agent.a" + (i % 3) + ".heartbeat", i));
        }
        bus.publish(event("agent.other", -1)).get(5, TimeUnit.SECONDS);

        assertThat(numbers(received.next(100))).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(received.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void aDurableSubscriptionFromEarliestReadsWhatWasStoredBeforeIt() throws Exception {
        for (int i = 1; i <= 3; i++) {
            bus.publish(event("jobs", i), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
        }
        Received received = new Received();

        bus.subscribe(SubscribeOptions.durable("reader", "jobs").withFrom(StartPosition.EARLIEST), received);

        List<Delivery> deliveries = received.next(3);
        assertThat(numbers(deliveries)).containsExactly(1, 2, 3);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
    }

    @Test
    void aDurableSubscriptionFromAnOffsetStartsThere() throws Exception {
        long second = 0;
        for (int i = 1; i <= 3; i++) {
            long offset = bus.publish(event("jobs", i), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS).offset();
            second = i == 2 ? offset : second;
        }
        Received received = new Received();

        bus.subscribe(SubscribeOptions.durable("late", "jobs").withFrom(new StartPosition.AtOffset(second)), received);

        List<Delivery> deliveries = received.next(2);
        assertThat(numbers(deliveries)).containsExactly(2, 3);
        assertThat(deliveries.getFirst().offset()).isEqualTo(second);
    }

    @Test
    void aQueueGroupGivesEachMessageToOneOfItsMembers() throws Exception {
        try (RemoteBus other = server.connect()) {
            Received first = new Received();
            Received second = new Received();
            bus.subscribe(SubscribeOptions.ephemeral("work").withGroup("workers"), first);
            other.subscribe(SubscribeOptions.ephemeral("work").withGroup("workers"), second);
            for (int i = 0; i < 20; i++) {
                bus.publish(event("work", i)).get(5, TimeUnit.SECONDS);
            }

            List<Delivery> toFirst = first.quietFor(Duration.ofMillis(500));
            List<Delivery> toSecond = second.quietFor(Duration.ofMillis(0));
            assertThat(toFirst).isNotEmpty();
            assertThat(toSecond).isNotEmpty();
            assertThat(numbers(toFirst)).doesNotContainAnyElementsOf(numbers(toSecond));
            assertThat(toFirst.size() + toSecond.size()).isEqualTo(20);
        }
    }

    @Test
    void unsubscribingStopsDeliveries() throws Exception {
        Received received = new Received();
        Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral("t"), received);
        bus.publish(event("t", 1)).get(5, TimeUnit.SECONDS);
        received.next();

        subscription.close();
        bus.publish(event("t", 2)).get(5, TimeUnit.SECONDS);

        assertThat(received.quietFor(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        assertThat(bus.ping().get(5, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void helloWithAClientIdIsWelcomed() throws Exception {
        try (RemoteBus named = RemoteBus.connect(server.options().withClientId("agent-7").withToken("unused"))) {
            assertThat(named.isConnected()).isTrue();
            assertThat(named.publish(event("t", 1)).get(5, TimeUnit.SECONDS).id()).isNotBlank();
        }
    }

    @Test
    void aCommandNobodyListensToFailsWithNoResponders() {
        Envelope command = Envelope.of("svc.restart", MessageType.COMMAND, TextNode.valueOf("now"), Metadata.EMPTY);

        assertThatThrownBy(() -> bus.publish(command).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_RESPONDERS);
                    assertThat(e.getMessage()).contains("svc.restart");
                });
    }

    @Test
    void aMessageOverTheServersLimitFailsWithTooLargeAndTheConnectionStays() throws Exception {
        Envelope huge = Envelope.event("big", TextNode.valueOf("x".repeat(1_100_000)));

        assertThatThrownBy(() -> bus.publish(huge).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(bus.publish(event("small", 1)).get(5, TimeUnit.SECONDS).id()).isNotBlank();
    }

    @Test
    void aSubscriptionTheServerRefusesThrowsItsCodeAndDetails() {
        SubscribeOptions tooMany = SubscribeOptions.ephemeral("t").withMaxInflight(50_000);

        assertThatThrownBy(() -> bus.subscribe(tooMany, new Received())).isInstanceOfSatisfying(KmbException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.details()).extracting(d -> d.field()).containsExactly("max_inflight");
                });
    }

    @Test
    void aSecondSubscriberOfADurableWithoutAGroupIsRefused() {
        bus.subscribe(SubscribeOptions.durable("solo", "t"), new Received());

        assertThatThrownBy(() -> bus.subscribe(SubscribeOptions.durable("solo", "t"), new Received()))
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("already has a subscriber");
                });
    }
}
