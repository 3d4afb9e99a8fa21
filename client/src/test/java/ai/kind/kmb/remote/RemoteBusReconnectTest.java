package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteBusReconnectTest {
    private FakeKmbServer server;
    private RemoteBus bus;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

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

    private RemoteBus connect(RemoteBusOptions options) {
        bus = RemoteBus.connect(options);
        bus.addConnectionListener(new ConnectionListener() {
            @Override
            public void onConnect() {
                events.add("connect");
            }

            @Override
            public void onDisconnect(Throwable cause) {
                events.add("disconnect");
            }
        });
        return bus;
    }

    /**
     * A short heartbeat: the JDK WebSocket misses a connection dropped while it is inside a callback
     * (see Session), and the heartbeat is what notices it then.
     */
    private RemoteBusOptions options() {
        return RemoteBusOptions.defaults(server.url()).withRequestTimeout(Duration.ofSeconds(5))
                .withReconnectMaxBackoff(Duration.ofMillis(200)).withHeartbeatInterval(Duration.ofMillis(300));
    }

    private static Envelope event(String topic, String text) {
        return Envelope.event(topic, TextNode.valueOf(text));
    }

    private void awaitEvent(String expected) throws InterruptedException {
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(expected);
    }

    @Test
    void aDroppedConnectionIsReestablishedAndEverySubscriptionSentAgainWithItsSid() throws Exception {
        connect(options());
        Received received = new Received();
        Subscription durable = bus.subscribe(SubscribeOptions.durable("d", "jobs").withFrom(StartPosition.EARLIEST),
                received);
        Subscription ephemeral = bus.subscribe(SubscribeOptions.ephemeral("news").withFrom(StartPosition.EARLIEST),
                received);
        server.next("sub");
        server.next("sub");

        server.dropConnections();
        awaitEvent("disconnect");
        awaitEvent("connect");

        ObjectNode first = server.next("sub");
        ObjectNode second = server.next("sub");
        ObjectNode durableSub = first.path("sid").asText().equals(durable.id()) ? first : second;
        ObjectNode ephemeralSub = durableSub == first ? second : first;
        assertThat(durableSub.path("sid").asText()).isEqualTo(durable.id());
        assertThat(durableSub.path("from").asText()).as("the server keeps a durable's position").isEqualTo("earliest");
        assertThat(ephemeralSub.path("sid").asText()).isEqualTo(ephemeral.id());
        assertThat(ephemeralSub.path("from").asText()).as("an ephemeral restarts from now").isEqualTo("new");
        bus.publish(event("news", "after")).get(5, TimeUnit.SECONDS);
        assertThat(received.next().message().payload().asText()).isEqualTo("after");
    }

    @Test
    void aResubscriptionTheServerRefusesIsReportedAndTriedAgain() throws Exception {
        connect(options());
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        bus.addConnectionListener(new ConnectionListener() {
            @Override
            public void onError(Throwable error) {
                errors.add(error);
            }
        });
        Received received = new Received();
        Subscription durable = bus.subscribe(SubscribeOptions.durable("d", "jobs"), received);
        server.next("sub");
        AtomicBoolean refused = new AtomicBoolean();
        server.override = frame -> frame.path("op").asText().equals("sub") && refused.compareAndSet(false, true)
                ? FakeKmbServer.error(frame.path("req").asLong(), "bad_request", "durable 'd' already has a subscriber")
                : null;

        server.dropConnections();

        Throwable reported = errors.poll(10, TimeUnit.SECONDS);
        assertThat(reported).hasMessageContaining("could not be re-established")
                .hasMessageContaining("already has a subscriber").hasMessageContaining("trying again");
        server.next("sub");
        assertThat(server.next("sub").path("sid").asText()).isEqualTo(durable.id());
        bus.publish(event("jobs", "restored")).get(5, TimeUnit.SECONDS);
        assertThat(received.next().message().payload().asText()).isEqualTo("restored");
    }

    @Test
    void aServerStartedAgainOnTheSamePortIsFoundAgain() throws Exception {
        connect(options());
        int port = server.port();
        server.close();
        awaitEvent("disconnect");

        server = FakeKmbServer.start(port);
        awaitEvent("connect");
        assertThat(bus.isConnected()).isTrue();
        assertThat(bus.publish(event("a", "x")).get(5, TimeUnit.SECONDS).offset()).isEqualTo(1);
    }

    @Test
    void aPublishWhileDisconnectedWaitsForTheConnection() throws Exception {
        connect(options());
        int port = server.port();
        server.close();
        awaitEvent("disconnect");

        CompletableFuture<PublishAck> pending = bus.publish(event("a", "waited"));
        Thread.sleep(300);
        assertThat(pending).isNotDone();
        server = FakeKmbServer.start(port);

        assertThat(pending.get(10, TimeUnit.SECONDS).offset()).isEqualTo(1);
        assertThat(server.next("pub").path("msg").path("payload").asText()).isEqualTo("waited");
    }

    @Test
    void aPublishWhileDisconnectedFailsWithUnavailableOnceTheRequestTimeoutIsUp() throws Exception {
        connect(options().withRequestTimeout(Duration.ofMillis(300)));
        server.close();
        awaitEvent("disconnect");

        assertThatThrownBy(() -> bus.publish(event("a", "x")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("not connected to the KMB server within 300 ms");
                });
    }

    @Test
    void callsBeyondTheWaitingBoundFailAtOnce() throws Exception {
        connect(options().withMaxPendingWhileDisconnected(1));
        server.close();
        awaitEvent("disconnect");

        CompletableFuture<PublishAck> first = bus.publish(event("a", "1"));
        CompletableFuture<PublishAck> second = bus.publish(event("a", "2"));

        assertThat(first).isNotDone();
        assertThatThrownBy(second::join).cause().isInstanceOfSatisfying(KmbException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("1 calls are already waiting");
        });
    }

    @Test
    void aPublishCutOffByALostConnectionIsSentAgainWithTheSameId() throws Exception {
        connect(options());
        AtomicBoolean dropped = new AtomicBoolean();
        server.override = frame -> {
            if (frame.path("op").asText().equals("pub") && dropped.compareAndSet(false, true)) {
                server.dropConnections();
            }
            return null;
        };

        PublishAck ack = bus.publish(event("a", "once")).get(10, TimeUnit.SECONDS);

        String firstId = server.next("pub").path("msg").path("id").asText();
        String secondId = server.next("pub").path("msg").path("id").asText();
        assertThat(secondId).isEqualTo(firstId).isEqualTo(ack.id());
    }

    @Test
    void aMissingPongCountsTheConnectionAsLost() throws Exception {
        connect(options().withHeartbeatInterval(Duration.ofMillis(200)));
        server.answerPings = false;

        awaitEvent("disconnect");
        server.answerPings = true;
        awaitEvent("connect");
        assertThat(server.connectionsAccepted()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSlowHandlerHoldsTheSocketBackWithoutBeingTakenForADeadServer() throws Exception {
        // Short enough that the handler's hold spans several heartbeats, long enough that a loaded
        // machine answering a ping late before any message arrives is not what this test measures.
        connect(options().withHeartbeatInterval(Duration.ofMillis(250)));
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Received received = new Received();
        Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral("slow").withMaxInflight(1), delivery -> {
            entered.countDown();
            release.await();
            received.onMessage(delivery);
        });
        // The connection that confirmed the subscription: the latest one.
        FakeKmbServer.Conn conn = server.connections().getLast();
        for (int i = 0; i < 5; i++) {
            conn.send(FakeKmbServer.msgFrame(subscription.id(), i, ai.kind.kmb.EnvelopeCodec.toJson(event("slow", "m" + i))));
        }

        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the handler is called").isTrue();
        Thread.sleep(1500);
        release.countDown();

        assertThat(received.next(5)).extracting(d -> d.message().payload().asText())
                .containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(events).isEmpty();
        assertThat(server.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void aServerThatIsNotThereFailsTheFirstConnectClearly() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RemoteBusOptions nowhere = RemoteBusOptions.defaults(URI.create("http://127.0.0.1:" + port));

        assertThatThrownBy(() -> RemoteBus.connect(nowhere)).isInstanceOfSatisfying(KmbException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("cannot connect to ws://127.0.0.1:" + port + "/v1/ws");
        });
    }

    @Test
    void closeUnsubscribesAndLaterCallsFailClearly() throws Exception {
        connect(options());
        Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral("t"), new Received());

        bus.close();

        assertThat(server.next("unsub").path("sid").asText()).isEqualTo(subscription.id());
        assertThatThrownBy(() -> bus.publish(event("a", "x")).join()).cause()
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("the KMB client is closed");
                });
        assertThatThrownBy(() -> bus.subscribe(SubscribeOptions.ephemeral("t"), new Received()))
                .hasMessage("the KMB client is closed");
    }
}
