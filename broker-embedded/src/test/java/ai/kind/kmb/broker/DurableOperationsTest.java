package ai.kind.kmb.broker;

import static ai.kind.kmb.broker.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a broker alone on its store says about its durables, running or only saved, and deleting them. */
class DurableOperationsTest {
    private static final SubscribeOptions BILLING = SubscribeOptions.durable("billing", "invoices.#")
            .withAckMode(AckMode.MANUAL).withAckWait(Duration.ofMinutes(1)).withBackoff(List.of(Duration.ofMinutes(1)));

    @TempDir
    Path data;

    private static List<Delivery> publishAndReceive(Broker broker, Deliveries deliveries, int count) {
        for (int n = 1; n <= count; n++) {
            broker.publish(event("invoices.new", n), PublishOptions.DURABLE).join();
        }
        return deliveries.next(count);
    }

    @Test
    void aRunningDurableShowsItsMembersWhatIsInFlightOrWaitingItsAckFloorAndLag() {
        try (Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            Subscription member = broker.subscribe(BILLING, deliveries);
            List<Delivery> received = publishAndReceive(broker, deliveries, 5);
            received.get(0).ack();
            received.get(1).ack();
            received.get(3).nack(true);

            DurableInfo busy = broker.durables().get("billing");
            member.close();
            broker.publish(event("invoices.new", 6), PublishOptions.DURABLE).join();
            broker.publish(event("invoices.new", 7), PublishOptions.DURABLE).join();
            DurableInfo idle = broker.durables().get("billing");

            assertThat(busy.filter()).isEqualTo("invoices.#");
            assertThat(busy.group()).isNull();
            assertThat(busy.here()).extracting(NodeActivity::members, NodeActivity::inFlight, NodeActivity::waiting)
                    .containsExactly(1, 2, 1);
            assertThat(busy.progress()).isEqualTo(new DurableProgress.OneNode(received.get(4).offset(),
                    received.get(1).offset(), 3));
            assertThat(busy.lag()).isZero();
            assertThat(idle.here()).as("what the member held waits for the next one")
                    .extracting(NodeActivity::members, NodeActivity::inFlight, NodeActivity::waiting)
                    .containsExactly(0, 0, 3);
            assertThat(idle.progress().position()).as("nothing is taken without a member").isEqualTo(received.get(4).offset());
            assertThat(idle.lag()).isEqualTo(2);
            assertThat(broker.durables().list()).extracting(DurableInfo::name).containsExactly("billing");
        }
    }

    @Test
    void aRunningDurableShowsItsSettingsWhatEachMemberHoldsAndWhenItLastDeliveredAndHadAnAck() {
        try (Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            Instant start = Instant.now();
            Subscription member = broker.subscribe(BILLING.withMaxInflight(10).withMaxDeliver(3), deliveries);
            List<Delivery> received = publishAndReceive(broker, deliveries, 3);
            Instant delivered = Instant.now();
            DurableInfo unacked = broker.durables().get("billing");
            received.getFirst().ack();
            Instant acked = Instant.now();

            NodeActivity here = broker.durables().get("billing").here();
            member.close();
            NodeActivity left = broker.durables().get("billing").here();

            assertThat(unacked.here().lastAcked()).as("no ack yet").isNull();
            assertThat(here.settings()).isEqualTo(new DurableSettings(Duration.ofMinutes(1), 3,
                    List.of(Duration.ofMinutes(1)), 10));
            assertThat(here.node()).as("alone on its store").isNull();
            DurableSubscriber subscriber = here.subscribers().getFirst();
            assertThat(here.subscribers()).hasSize(1);
            assertThat(subscriber.inProcess()).isTrue();
            assertThat(subscriber.clientId()).isNull();
            assertThat(subscriber.ack()).isEqualTo(AckMode.MANUAL);
            assertThat(subscriber.inFlight()).isEqualTo(2);
            assertThat(subscriber.since()).isBetween(start, delivered);
            assertThat(here.lastDelivered()).isBetween(start, delivered);
            assertThat(here.lastAcked()).isBetween(delivered, acked);
            assertThat(left.subscribers()).isEmpty();
            assertThat(left.settings()).as("the consumer still runs here, with what it held").isEqualTo(here.settings());
            assertThat(left.lastDelivered()).isEqualTo(here.lastDelivered());
        }
    }

    @Test
    void aDurableThisBrokerDoesNotRunIsDescribedFromItsSavedState() {
        long last;
        long floor;
        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            Deliveries deliveries = new Deliveries();
            broker.subscribe(BILLING, deliveries);
            List<Delivery> received = publishAndReceive(broker, deliveries, 4);
            received.getFirst().ack();
            last = received.getLast().offset();
            floor = received.getFirst().offset();
        }

        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            broker.publish(event("invoices.new", 5), PublishOptions.DURABLE).join();

            DurableInfo saved = broker.durables().get("billing");

            assertThat(saved.here()).isEqualTo(NodeActivity.NONE);
            assertThat(saved.nodes()).as("no node serves it").isEmpty();
            assertThat(saved.progress()).isEqualTo(new DurableProgress.OneNode(last, floor, 3));
            assertThat(saved.lag()).isEqualTo(1);
        }
    }

    @Test
    void aBrokerAloneIsTheOnlyNodeServingItsDurableAndListsTwentyOfItsMembersCountingTheRest() {
        try (Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults())) {
            SubscribeOptions pool = BILLING.withGroup("pool");
            for (int n = 0; n < DurableOperations.LISTED_MEMBERS + 5; n++) {
                broker.subscribe(pool, new Deliveries());
            }
            Instant asked = Instant.now();

            DurableInfo durable = broker.durables().get("billing");

            assertThat(durable.here().subscribers()).as("here lists every member").hasSize(25);
            assertThat(durable.nodes()).singleElement().satisfies(node -> {
                assertThat(node.activity().node()).as("alone on its store").isNull();
                assertThat(node.activity().members()).isEqualTo(25);
                assertThat(node.activity().subscribers()).hasSize(DurableOperations.LISTED_MEMBERS);
                assertThat(node.activity().membersLeftOut()).isEqualTo(5);
                assertThat(node.activity().settings()).isEqualTo(durable.here().settings());
                assertThat(node.reportedAt()).as("read as it answers").isAfterOrEqualTo(asked);
            });
            assertThat(broker.durables().list().getFirst().nodes()).singleElement()
                    .satisfies(node -> assertThat(node.activity().members()).isEqualTo(25));
        }
    }

    @Test
    void deletingForgetsTheDurableAndThenItIsNotFoundByName() {
        try (Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults())) {
            broker.subscribe(BILLING, new Deliveries());

            assertThat(broker.durables().delete("billing")).isTrue();

            assertThat(broker.durables().list()).isEmpty();
            assertThatThrownBy(() -> broker.durables().get("billing")).isInstanceOfSatisfying(KmbException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("no durable named 'billing'");
                    });
            assertThat(broker.durables().delete("billing")).isFalse();
        }
    }
}
