package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.dlq.DeadLetterQuery;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Losing the server and getting it back: resubscription, durables resuming, calls made meanwhile, closing. */
class RemoteReconnectTest {
    private final LiveServer server = new LiveServer();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        server.close();
    }

    private RemoteBus watched(RemoteBus bus) {
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

    private void awaitEvent(String expected) throws InterruptedException {
        assertThat(events.poll(15, TimeUnit.SECONDS)).isEqualTo(expected);
    }

    private static Envelope event(String topic, int n) {
        return Envelope.event(topic, IntNode.valueOf(n));
    }

    private static List<Integer> numbers(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.message().payload().asInt()).toList();
    }

    @Test
    void afterAServerRestartEverySubscriptionIsBackAndTheDurableResumesWhereItStopped() throws Exception {
        try (RemoteBus bus = watched(server.connect())) {
            Received news = new Received();
            Received jobs = new Received();
            bus.subscribe(SubscribeOptions.ephemeral("news"), news);
            bus.subscribe(SubscribeOptions.durable("worker", "jobs").withAckMode(AckMode.MANUAL), jobs);
            bus.publish(event("jobs", 1), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
            jobs.next().ack();

            server.stopNetwork();
            awaitEvent("disconnect");
            // Published while this client is away: the durable must get them once it is back.
            server.broker.publish(event("jobs", 2), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
            server.broker.publish(event("jobs", 3), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
            server.startNetwork();
            awaitEvent("connect");

            List<Delivery> resumed = jobs.next(2);
            assertThat(numbers(resumed)).containsExactly(2, 3);
            resumed.forEach(Delivery::ack);
            bus.publish(event("news", 9)).get(5, TimeUnit.SECONDS);
            assertThat(news.next().message().payload().asInt()).isEqualTo(9);
            assertThat(jobs.quietFor(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void aConnectionCutWithoutGoodbyeIsReestablishedWithItsSubscriptions() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.port());
             RemoteBus bus = watched(RemoteBus.connect(LiveServer.options(proxy.url())))) {
            Received received = new Received();
            bus.subscribe(SubscribeOptions.ephemeral("news"), received);

            proxy.cut();
            awaitEvent("disconnect");
            awaitEvent("connect");

            bus.publish(event("news", 1)).get(5, TimeUnit.SECONDS);
            assertThat(received.next().message().payload().asInt()).isEqualTo(1);
        }
    }

    @Test
    void aDurableSubscriberLosesNothingWhileItsConnectionIsCutAgainAndAgain() throws Exception {
        int total = 300;
        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        try (TcpProxy proxy = new TcpProxy(server.port());
             RemoteBus subscriber = watched(RemoteBus.connect(LiveServer.options(proxy.url())));
             RemoteBus publisher = server.connect()) {
            // The default max_deliver of 5 stays: a delivery to a connection that is already gone must
            // not count, or the cuts below would dead-letter messages within a millisecond.
            subscriber.subscribe(SubscribeOptions.durable("ledger", "ledger.entry").withAckMode(AckMode.MANUAL)
                    .withAckWait(Duration.ofSeconds(2)), delivery -> {
                        deliveries.incrementAndGet();
                        handled.add(delivery.message().payload().asInt());
                        delivery.ack();
                    });
            for (int i = 0; i < total; i++) {
                publisher.publish(event("ledger.entry", i), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
                if (i % 75 == 74) {
                    proxy.cut();
                }
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (handled.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.broker.deadLetters().list(DeadLetterQuery.all(10))).isEmpty();
            assertThat(handled).hasSize(total);
            // At least once: a delivery cut off before its ack may come twice, never zero times.
            assertThat(deliveries.get()).isGreaterThanOrEqualTo(total);
            assertThat(events).contains("disconnect", "connect");
        }
    }

    @Test
    void aPublishWhileTheServerIsDownGoesOutWhenItIsBack() throws Exception {
        try (RemoteBus bus = watched(server.connect())) {
            server.stopNetwork();
            awaitEvent("disconnect");

            CompletableFuture<PublishAck> pending = bus.publish(event("t", 1), PublishOptions.DURABLE);
            Thread.sleep(300);
            assertThat(pending).isNotDone();
            server.startNetwork();

            assertThat(pending.get(10, TimeUnit.SECONDS).offset()).isEqualTo(server.broker.store().lastOffset());
        }
    }

    @Test
    void aPublishWhileTheServerIsDownFailsWithUnavailableOnceTheRequestTimeoutIsUp() throws Exception {
        try (RemoteBus bus = watched(RemoteBus.connect(server.options().withRequestTimeout(Duration.ofMillis(500))))) {
            server.stopNetwork();
            awaitEvent("disconnect");

            long start = System.nanoTime();
            assertThatThrownBy(() -> bus.publish(event("t", 1)).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(KmbException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getMessage()).startsWith("publish to 't' failed: not connected to the KMB server"
                                + " within 500 ms");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            server.startNetwork();
        }
    }

    @Test
    void closingLeavesNoThreadOfTheClientBehindAndLaterCallsFailClearly() throws Exception {
        RemoteBus bus = server.connect();
        Received received = new Received();
        bus.subscribe(SubscribeOptions.ephemeral("t"), received);
        bus.subscribe(SubscribeOptions.durable("d", "t"), new Received());
        bus.publish(event("t", 1), PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);
        received.next();

        bus.close();

        assertThat(LiveThreads.names()).noneMatch(name -> name.startsWith("kmb-remote"));
        // The server in this JVM starts Netty threads as connections come; only the client's count here.
        assertThat(LiveThreads.nonDaemon()).noneMatch(name -> name.startsWith("kmb-") || name.startsWith("HttpClient"));
        assertThatThrownBy(() -> bus.publish(event("t", 2)).join()).cause()
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("the KMB client is closed");
                });
        assertThatThrownBy(() -> bus.subscribe(SubscribeOptions.ephemeral("t"), received))
                .hasMessage("the KMB client is closed");
    }
}
