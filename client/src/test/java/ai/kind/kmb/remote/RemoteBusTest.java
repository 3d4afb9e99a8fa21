package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteBusTest {
    private FakeKmbServer server;
    private RemoteBus bus;

    @BeforeEach
    void start() throws Exception {
        server = FakeKmbServer.start(0);
    }

    @AfterEach
    void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        server.close();
    }

    private RemoteBus connect() {
        bus = RemoteBus.connect(RemoteBusOptions.defaults(server.url()).withRequestTimeout(Duration.ofSeconds(5)));
        return bus;
    }

    private static Envelope event(String topic, String text) {
        return Envelope.event(topic, TextNode.valueOf(text));
    }

    @Test
    void publishReturnsTheServersAckAndSendsAClientChosenId() throws Exception {
        connect();
        PublishAck ack = bus.publish(event("agent.health", "ok")).get(5, TimeUnit.SECONDS);

        ObjectNode pub = server.next("pub");
        assertThat(ack.offset()).isEqualTo(1);
        assertThat(ack.duplicate()).isFalse();
        assertThat(pub.path("msg").path("id").asText()).isNotBlank().isEqualTo(ack.id());
    }

    @Test
    void helloGoesFirstWithTheTokenAndClientId() throws Exception {
        bus = RemoteBus.connect(RemoteBusOptions.defaults(server.url()).withToken("jwt").withClientId("agent-7"));
        bus.publish(event("a", "x")).get(5, TimeUnit.SECONDS);

        ObjectNode hello = server.next("hello");
        assertThat(hello.path("token").asText()).isEqualTo("jwt");
        assertThat(hello.path("client_id").asText()).isEqualTo("agent-7");
    }

    @Test
    void aRefusedHelloFailsTheConnectWithTheServersCode() {
        server.override = frame -> frame.path("op").asText().equals("hello")
                ? FakeKmbServer.error(frame.path("req").asLong(), "unauthorized", "token expired") : null;

        assertThatThrownBy(() -> RemoteBus.connect(RemoteBusOptions.defaults(server.url()).withToken("old")))
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).isEqualTo("token expired");
                });
    }

    @Test
    void deliveriesArriveInOrderOnTheSubscriptionsOwnThread() throws Exception {
        connect();
        Received received = new Received();
        Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral("agent.#"), received);
        for (int i = 0; i < 50; i++) {
            bus.publish(event("agent.n", "m" + i));
        }

        List<Delivery> deliveries = received.next(50);
        assertThat(deliveries).extracting(d -> d.message().payload().asText())
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "m" + i).toList());
        assertThat(deliveries).allSatisfy(d -> assertThat(d.subscriptionId()).isEqualTo(subscription.id()));
        assertThat(received.threads).containsOnly("kmb-remote-sub-" + subscription.id());
    }

    @Test
    void manyMoreDeliveriesThanTheInboxHoldsReachASlowHandlerAllInOrder() throws Exception {
        connect();
        Received received = new Received();
        Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral("slow").withMaxInflight(2), delivery -> {
            Thread.sleep(1);
            received.onMessage(delivery);
        });
        FakeKmbServer.Conn conn = server.connections().getLast();
        int messages = 3 * ReadWindow.SIZE;
        for (int i = 0; i < messages; i++) {
            conn.send(FakeKmbServer.msgFrame(subscription.id(), i, ai.kind.kmb.EnvelopeCodec.toJson(event("slow", "m" + i))));
        }

        assertThat(received.next(messages)).extracting(d -> d.message().payload().asText())
                .containsExactlyElementsOf(IntStream.range(0, messages).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void aMessageSplitOverManyFramesArrivesWhole() throws Exception {
        connect();
        server.fragments = 7;
        Received received = new Received();
        bus.subscribe(SubscribeOptions.ephemeral("big"), received);
        String text = "x".repeat(100_000);
        bus.publish(event("big", text)).get(5, TimeUnit.SECONDS);

        assertThat(received.next().message().payload().asText()).isEqualTo(text);
    }

    @Test
    void anErrorFrameBecomesAKmbExceptionWithItsCodeMessageAndDetails() {
        connect();
        server.override = frame -> frame.path("op").asText().equals("sub")
                ? FakeKmbServer.error(frame.path("req").asLong(), "forbidden", "not allowed to subscribe") : null;

        assertThatThrownBy(() -> bus.subscribe(SubscribeOptions.ephemeral("secret.#"), new Received()))
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("not allowed to subscribe");
                    assertThat(e.details()).containsExactly(new ErrorDetail("filter", "denied"));
                });
    }

    @Test
    void aRefusedPublishFailsItsFutureWithTheServersCode() {
        connect();
        server.override = frame -> frame.path("op").asText().equals("pub")
                ? FakeKmbServer.error(frame.path("req").asLong(), "too_large", "message too large") : null;

        assertThatThrownBy(() -> bus.publish(event("a", "x")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(KmbException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void aHandlerThatThrowsDoesNotStopItsSubscription() throws Exception {
        connect();
        Received received = new Received();
        bus.subscribe(SubscribeOptions.ephemeral("t"), delivery -> {
            if (delivery.message().payload().asText().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            received.onMessage(delivery);
        });
        bus.publish(event("t", "bad"));
        bus.publish(event("t", "good"));

        assertThat(received.next().message().payload().asText()).isEqualTo("good");
    }

    @Test
    void automaticAckAcksAfterTheHandlerAndNacksWithRequeueWhenItThrows() throws Exception {
        connect();
        Subscription subscription = bus.subscribe(SubscribeOptions.durable("worker", "jobs"), delivery -> {
            if (delivery.message().payload().asText().equals("bad")) {
                throw new IllegalStateException("boom");
            }
        });
        String good = bus.publish(event("jobs", "good")).get(5, TimeUnit.SECONDS).id();
        String bad = bus.publish(event("jobs", "bad")).get(5, TimeUnit.SECONDS).id();

        ObjectNode ack = server.next("ack");
        ObjectNode nack = server.next("nack");
        assertThat(ack.path("id").asText()).isEqualTo(good);
        assertThat(ack.path("sid").asText()).isEqualTo(subscription.id());
        assertThat(nack.path("id").asText()).isEqualTo(bad);
        assertThat(nack.path("requeue").asBoolean()).isTrue();
    }

    @Test
    void manualAckAndNackSendWhatTheHandlerDecides() throws Exception {
        connect();
        Received received = new Received();
        bus.subscribe(SubscribeOptions.durable("manual", "jobs").withAckMode(AckMode.MANUAL), received);
        bus.publish(event("jobs", "one"));
        bus.publish(event("jobs", "two"));
        Delivery one = received.next();
        Delivery two = received.next();

        one.ack();
        two.nack(false);

        assertThat(server.next("ack").path("id").asText()).isEqualTo(one.message().id());
        ObjectNode nack = server.next("nack");
        assertThat(nack.path("id").asText()).isEqualTo(two.message().id());
        assertThat(nack.path("requeue").asBoolean()).isFalse();
    }

    @Test
    void subscribeSendsEveryOption() throws Exception {
        connect();
        bus.subscribe(SubscribeOptions.durable("d", "a.*").withGroup("workers").withAckMode(AckMode.MANUAL)
                .withMaxInflight(7).withFrom(StartPosition.EARLIEST).withAckWait(Duration.ofSeconds(3))
                .withMaxDeliver(4), new Received());

        ObjectNode sub = server.next("sub");
        assertThat(sub.path("filter").asText()).isEqualTo("a.*");
        assertThat(sub.path("durable").asText()).isEqualTo("d");
        assertThat(sub.path("group").asText()).isEqualTo("workers");
        assertThat(sub.path("ack").asText()).isEqualTo("manual");
        assertThat(sub.path("max_inflight").asInt()).isEqualTo(7);
        assertThat(sub.path("from").asText()).isEqualTo("earliest");
        assertThat(sub.path("ack_wait_ms").asLong()).isEqualTo(3000);
        assertThat(sub.path("max_deliver").asInt()).isEqualTo(4);
    }

    @Test
    void aDurableWithAutomaticAckAsksTheServerForManualAckAndAcksItself() throws Exception {
        connect();
        bus.subscribe(SubscribeOptions.durable("d", "jobs"), new Received());
        bus.subscribe(SubscribeOptions.ephemeral("news"), new Received());

        assertThat(server.next("sub").path("ack").asText()).as("durable").isEqualTo("manual");
        assertThat(server.next("sub").path("ack").asText()).as("ephemeral").isEqualTo("auto");
    }

    @Test
    void closingASubscriptionUnsubscribesAndStopsItsDeliveries() throws Exception {
        connect();
        Received received = new Received();
        Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral("t"), received);
        subscription.close();

        assertThat(server.next("unsub").path("sid").asText()).isEqualTo(subscription.id());
        bus.publish(event("t", "late")).get(5, TimeUnit.SECONDS);
        assertThat(received.quietFor(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void aBackoffAndAckWaitAreSentInWholeMillisecondsRoundedUpAndAnEmptyBackoffIsLeftOut() throws Exception {
        connect();
        bus.subscribe(SubscribeOptions.durable("d", "t").withBackoff(List.of(Duration.ofSeconds(1),
                Duration.ofNanos(1_500_000), Duration.ofNanos(1))).withAckWait(Duration.ofNanos(300_000)),
                new Received());
        bus.subscribe(SubscribeOptions.durable("e", "t"), new Received());

        ObjectNode sub = server.next("sub");
        assertThat(sub.path("backoff_ms").toString()).isEqualTo("[1000,2,1]");
        assertThat(sub.path("ack_wait_ms").asLong()).as("a part of a millisecond is not a refused 0").isEqualTo(1);
        assertThat(server.next("sub").has("backoff_ms")).as("no backoff").isFalse();
    }

    @Test
    void strayErrorFramesGoToTheConnectionListeners() throws Exception {
        connect();
        java.util.concurrent.BlockingQueue<Throwable> errors = new java.util.concurrent.LinkedBlockingQueue<>();
        bus.addConnectionListener(new ConnectionListener() {
            @Override
            public void onError(Throwable error) {
                errors.add(error);
            }
        });
        server.connections().getFirst().send(Json.object().put("op", "error").put("code", "rate_limited")
                .put("message", "slow down"));

        Throwable error = errors.poll(5, TimeUnit.SECONDS);
        assertThat(error).isInstanceOfSatisfying(KmbException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
