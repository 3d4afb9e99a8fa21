package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.broker.store.MessageStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What two nodes on one shared store promise their clients, whatever the store: each client is
 * connected through the SDK to one node's server. Subclasses open a store on the shared server
 * under a name of their own and the link that goes with it.
 */
abstract class SharedBusContract {
    private static final Duration QUIET = Duration.ofMillis(500);

    protected final TestNodes nodes = new TestNodes();

    protected abstract MessageStore openStore();

    protected abstract NodeLink link(MessageStore store, String nodeId);

    protected TestNodes.Node node() {
        return nodes.start(openStore(), this::link);
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aDurableMessageReachesTheSubscribersOfEveryNodeOnce() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        nodes.client(a).subscribe(SubscribeOptions.ephemeral("orders.#"), onA);
        nodes.client(b).subscribe(SubscribeOptions.ephemeral("orders.#"), onB);

        PublishAck ack = nodes.client(a).publish(Messages.event("orders.paid", 1), PublishOptions.DURABLE).join();

        Delivery onOtherNode = onB.next();
        assertThat(onOtherNode.message().id()).isEqualTo(ack.id());
        assertThat(onOtherNode.offset()).isEqualTo(ack.offset());
        assertThat(onA.next().message().id()).isEqualTo(ack.id());
        assertThat(onA.quietFor(QUIET)).as("the publisher's node delivers its own message once").isEmpty();
        assertThat(onB.quietFor(Duration.ZERO)).isEmpty();
    }

    @Test
    void anEphemeralMessageReachesTheOtherNodeOnceAndIsNeverEchoedBack() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        nodes.client(a).subscribe(SubscribeOptions.ephemeral("live.#"), onA);
        nodes.client(b).subscribe(SubscribeOptions.ephemeral("live.#"), onB);

        PublishAck ack = nodes.client(b).publish(Messages.event("live.tick", 7), PublishOptions.EPHEMERAL).join();

        assertThat(ack.offset()).as("ephemeral messages are not stored").isEqualTo(PublishAck.NOT_STORED);
        assertThat(Messages.n(onA.next())).isEqualTo(7);
        assertThat(Messages.n(onB.next())).isEqualTo(7);
        assertThat(onA.quietFor(QUIET)).isEmpty();
        assertThat(onB.quietFor(Duration.ZERO)).as("the publisher's node hears its own broadcast and skips it").isEmpty();
        assertThat(a.broker().store().lastOffset()).isZero();
    }

    @Test
    void aDurableConsumerMovesToTheOtherNodeWithoutLosingAMessage() throws Exception {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Bus publisher = nodes.client(b);
        SubscribeOptions mover = SubscribeOptions.durable("mover", "work.#").withAckMode(AckMode.MANUAL);
        Deliveries first = new Deliveries();
        Subscription onA = nodes.client(a).subscribe(mover, first);
        for (int n = 1; n <= 6; n++) {
            publisher.publish(Messages.event("work.item", n), PublishOptions.DURABLE).join();
        }
        List<Delivery> before = first.next(6);
        before.subList(0, 3).forEach(Delivery::ack);
        onA.close();
        for (int n = 7; n <= 10; n++) {
            publisher.publish(Messages.event("work.item", n), PublishOptions.DURABLE).join();
        }

        Deliveries second = new Deliveries();
        nodes.client(b).subscribe(mover, second);

        List<Integer> after = second.next(7).stream().map(Messages::n).sorted().toList();
        assertThat(after).as("the three left unacknowledged on A, then everything published meanwhile")
                .containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(before.stream().map(Messages::n)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aRepeatedIdIsStoredOnceWhicheverNodeItReaches() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        String id = UUID.randomUUID().toString();

        PublishAck first = nodes.client(a).publish(Messages.event("pay.once", 1).withId(id), PublishOptions.DURABLE)
                .join();
        PublishAck again = nodes.client(b).publish(Messages.event("pay.once", 1).withId(id), PublishOptions.DURABLE)
                .join();

        assertThat(again.duplicate()).isTrue();
        assertThat(again.offset()).isEqualTo(first.offset());
        assertThat(b.broker().store().lastOffset()).isEqualTo(first.offset());
    }
}
