package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.store.MessageStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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

    /** One kmbd's worth: a broker on the shared store behind a server on a free port. */
    record Node(Broker broker, KmbServer server) {
        Bus client(List<AutoCloseable> open) {
            KmbClient client = KmbClient.connect(URI.create(server.url()));
            open.add(client);
            return client.bus();
        }
    }

    protected final List<AutoCloseable> open = new ArrayList<>();

    protected abstract MessageStore openStore();

    protected abstract NodeLink link(MessageStore store, String nodeId);

    protected Node node() {
        MessageStore store = openStore();
        Broker broker = new Broker(store, BrokerOptions.defaults(), Clock.systemUTC(), new PublishPipeline(),
                link(store, UUID.randomUUID().toString()));
        KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-test");
        open.add(broker);
        open.add(server);
        return new Node(broker, server);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aDurableMessageReachesTheSubscribersOfEveryNodeOnce() {
        Node a = node();
        Node b = node();
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        a.client(open).subscribe(SubscribeOptions.ephemeral("orders.#"), onA);
        b.client(open).subscribe(SubscribeOptions.ephemeral("orders.#"), onB);

        PublishAck ack = a.client(open).publish(Messages.event("orders.paid", 1), PublishOptions.DURABLE).join();

        Delivery onOtherNode = onB.next();
        assertThat(onOtherNode.message().id()).isEqualTo(ack.id());
        assertThat(onOtherNode.offset()).isEqualTo(ack.offset());
        assertThat(onA.next().message().id()).isEqualTo(ack.id());
        assertThat(onA.quietFor(QUIET)).as("the publisher's node delivers its own message once").isEmpty();
        assertThat(onB.quietFor(Duration.ZERO)).isEmpty();
    }

    @Test
    void anEphemeralMessageReachesTheOtherNodeOnceAndIsNeverEchoedBack() {
        Node a = node();
        Node b = node();
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        a.client(open).subscribe(SubscribeOptions.ephemeral("live.#"), onA);
        b.client(open).subscribe(SubscribeOptions.ephemeral("live.#"), onB);

        PublishAck ack = b.client(open).publish(Messages.event("live.tick", 7), PublishOptions.EPHEMERAL).join();

        assertThat(ack.offset()).as("ephemeral messages are not stored").isEqualTo(PublishAck.NOT_STORED);
        assertThat(Messages.n(onA.next())).isEqualTo(7);
        assertThat(Messages.n(onB.next())).isEqualTo(7);
        assertThat(onA.quietFor(QUIET)).isEmpty();
        assertThat(onB.quietFor(Duration.ZERO)).as("the publisher's node hears its own broadcast and skips it").isEmpty();
        assertThat(a.broker().store().lastOffset()).isZero();
    }

    @Test
    void aDurableConsumerMovesToTheOtherNodeWithoutLosingAMessage() throws Exception {
        Node a = node();
        Node b = node();
        Bus publisher = b.client(open);
        SubscribeOptions mover = SubscribeOptions.durable("mover", "work.#").withAckMode(AckMode.MANUAL);
        Deliveries first = new Deliveries();
        Subscription onA = a.client(open).subscribe(mover, first);
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
        b.client(open).subscribe(mover, second);

        List<Integer> after = second.next(7).stream().map(Messages::n).sorted().toList();
        assertThat(after).as("the three left unacknowledged on A, then everything published meanwhile")
                .containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(before.stream().map(Messages::n)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aRepeatedIdIsStoredOnceWhicheverNodeItReaches() {
        Node a = node();
        Node b = node();
        String id = UUID.randomUUID().toString();

        PublishAck first = a.client(open).publish(Messages.event("pay.once", 1).withId(id), PublishOptions.DURABLE)
                .join();
        PublishAck again = b.client(open).publish(Messages.event("pay.once", 1).withId(id), PublishOptions.DURABLE)
                .join();

        assertThat(again.duplicate()).isTrue();
        assertThat(again.offset()).isEqualTo(first.offset());
        assertThat(b.broker().store().lastOffset()).isEqualTo(first.offset());
    }
}
