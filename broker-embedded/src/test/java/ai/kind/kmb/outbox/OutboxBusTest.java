package ai.kind.kmb.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.remote.LiveServer;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox against a real server: messages published while it is down, across a server restart
 * and across a client restart, reach a durable subscriber once each and in order.
 */
class OutboxBusTest {
    private final LiveServer server = new LiveServer();
    private final BlockingQueue<Integer> received = new LinkedBlockingQueue<>();

    @TempDir
    Path dir;

    OutboxBusTest() {
        server.broker.subscribe(SubscribeOptions.durable("checker", "orders.#"),
                delivery -> received.add(delivery.message().payload().asInt()));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private OutboxBus open() {
        return OutboxBus.open(server.options(), dir, null);
    }

    private static Envelope order(int n) {
        return Envelope.event("orders.placed", IntNode.valueOf(n));
    }

    private List<Integer> receive(int count) throws InterruptedException {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Integer next = received.poll(20, TimeUnit.SECONDS);
            assertThat(next).as("message %d of %d", i + 1, count).isNotNull();
            numbers.add(next);
        }
        return numbers;
    }

    /** Everything the log holds on the topic: each message once, whatever the subscriber saw. */
    private List<Integer> stored() {
        return server.broker.store().query(HistoryQuery.all(100)).stream()
                .map(message -> message.envelope().payload().asInt()).toList();
    }

    @Test
    void messagesPublishedWhileTheServerIsDownAreDeliveredInOrderOnceWhenItIsBack() throws Exception {
        try (OutboxBus bus = open()) {
            bus.publish(order(1), PublishOptions.DURABLE).get(10, TimeUnit.SECONDS);
            server.stopNetwork();
            List<CompletableFuture<PublishAck>> whileDown = new ArrayList<>();
            for (int n = 2; n <= 6; n++) {
                whileDown.add(bus.publish(order(n), PublishOptions.DURABLE));
            }
            assertThat(bus.pending()).isPositive();
            assertThat(whileDown).noneMatch(CompletableFuture::isDone);

            server.startNetwork();

            CompletableFuture.allOf(whileDown.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(receive(6)).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(bus.pending()).isZero();
        }
        assertThat(stored()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(received).isEmpty();
    }

    @Test
    void aNewClientOnTheSameDirectoryDeliversWhatTheOldOneLeft() throws Exception {
        server.stopNetwork();
        CompletableFuture<PublishAck> left;
        try (OutboxBus first = open()) {
            for (int n = 1; n <= 4; n++) {
                first.publish(order(n), PublishOptions.DURABLE);
            }
            left = first.publish(order(5), PublishOptions.DURABLE);
        }
        assertThat(left).isCompletedExceptionally();

        try (OutboxBus second = open()) {
            assertThat(second.recovery().pending()).isEqualTo(5);
            second.publish(order(6), PublishOptions.DURABLE);
            server.startNetwork();

            assertThat(receive(6)).containsExactly(1, 2, 3, 4, 5, 6);
        }
        assertThat(stored()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aMessageTheBrokerTookButTheOutboxHadNotMarkedIsNotStoredTwice() throws Exception {
        Envelope first;
        try (Outbox outbox = Outbox.open(dir, Clock.systemUTC())) {
            first = outbox.add(order(1), true).message();
            outbox.add(order(2), true);
        }
        // As if the client died between the broker's ack and writing the delivered mark.
        server.broker.publish(first, PublishOptions.DURABLE).get(5, TimeUnit.SECONDS);

        try (OutboxBus bus = open()) {
            assertThat(receive(2)).containsExactly(1, 2);
            awaitEmpty(bus);
        }
        assertThat(stored()).containsExactly(1, 2);
    }

    private static void awaitEmpty(OutboxBus bus) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bus.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bus.pending()).isZero();
    }
}
