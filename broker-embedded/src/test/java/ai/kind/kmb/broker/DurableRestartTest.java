package ai.kind.kmb.broker;

import static ai.kind.kmb.broker.BrokerEphemeralTest.range;
import static ai.kind.kmb.broker.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable consumer's position and its unacknowledged deliveries survive a broker restart. */
class DurableRestartTest {
    private static final SubscribeOptions MANUAL = SubscribeOptions.durable("billing", "invoices.#")
            .withAckMode(AckMode.MANUAL).withAckWait(Duration.ofSeconds(30));

    @TempDir
    Path data;

    @Test
    void acknowledgedMessagesAreNotRedeliveredAndPendingOnesAreAfterRestart() {
        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            broker.subscribe(MANUAL, deliveries);
            for (int i = 0; i < 10; i++) {
                broker.publish(event("invoices.new", i), PublishOptions.DURABLE).join();
            }
            List<Delivery> received = deliveries.next(10);
            received.subList(0, 5).forEach(Delivery::ack);
            received.get(7).ack();
            deliveries.quietFor(Duration.ofMillis(200));
        }

        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            broker.subscribe(MANUAL, deliveries);
            broker.publish(event("invoices.new", 10), PublishOptions.DURABLE).join();

            List<Delivery> again = deliveries.next(5);
            assertThat(again).extracting(Messages::n).containsExactly(5, 6, 8, 9, 10);
            assertThat(again.subList(0, 4)).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(2));
            assertThat(again.get(4).deliveryCount()).isEqualTo(1);
            assertThat(deliveries.quietFor(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void aDurableResumesAfterRestartWithoutLosingWhatWasPublishedWhileItWasAway() {
        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            broker.subscribe(SubscribeOptions.durable("audit", "invoices.#"), deliveries).close();
            for (int i = 0; i < 20; i++) {
                broker.publish(event("invoices.paid", i), PublishOptions.DURABLE).join();
            }
        }

        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            broker.subscribe(SubscribeOptions.durable("audit", "invoices.#"), deliveries);

            assertThat(deliveries.next(20)).extracting(Messages::n).containsExactlyElementsOf(range(0, 20, 1));
        }
    }
}
