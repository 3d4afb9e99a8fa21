package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerLimits;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.remote.RemoteConnection;
import ai.kind.kmb.snapshot.AgentHandler;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.snapshot.StatefulAgent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What two nodes on one shared store promise their clients, whatever the store: each client is
 * connected through the SDK to one node's server. Subclasses open a store on the shared server
 * under a name of their own and the link that goes with it; requests and idempotent publish are in
 * {@link SharedRequestsContract}, ephemeral queue groups in {@link SharedGroupsContract}, what either
 * node shows of a durable in {@link SharedDurablesContract}.
 */
abstract class SharedBusContract extends SharedDurablesContract {
    private static final Duration QUIET = Duration.ofMillis(500);

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
    void aDurableGroupGivesEachMessageToOneMemberOnOneOfTheNodes() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        SubscribeOptions pool = SubscribeOptions.durable("workers", "jobs.#").withGroup("pool").withMaxInflight(4);
        Deliveries all = new Deliveries();
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        nodes.client(a).subscribe(pool, slowly(onA, all));
        nodes.client(b).subscribe(pool, slowly(onB, all));

        Bus publisher = nodes.client(b);
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int n = 1; n <= 200; n++) {
            acks.add(publisher.publish(Messages.event("jobs.run", n), PublishOptions.DURABLE));
        }

        List<Integer> received = all.next(200).stream().map(Messages::n).toList();
        assertThat(received).as("each message once, across both nodes").doesNotHaveDuplicates().hasSize(200);
        assertThat(acks).allSatisfy(ack -> assertThat(ack.join().duplicate()).isFalse());
        assertThat(onA.get()).as("node A's member worked").isPositive();
        assertThat(onB.get()).as("node B's member worked").isPositive();
        assertThat(all.quietFor(QUIET)).as("nothing delivered a second time").isEmpty();
    }

    @Test
    void aMessageWhoseDeliveriesRanOutOnOtherNodesIsDeadLetteredByTheNodeThatTakesItOver() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        SubscribeOptions fragile = SubscribeOptions.durable("fragile", "work.#").withAckMode(AckMode.MANUAL)
                .withMaxDeliver(2);
        Deliveries advisories = new Deliveries();
        nodes.client(a).subscribe(SubscribeOptions.ephemeral(Advisories.DEAD_LETTER), advisories);
        Deliveries first = new Deliveries();
        Subscription onA = nodes.client(a).subscribe(fragile, first);
        nodes.client(b).publish(Messages.event("work.item", 1), PublishOptions.DURABLE).join();
        assertThat(first.next().deliveryCount()).isEqualTo(1);
        onA.close();
        Deliveries second = new Deliveries();
        Subscription onB = nodes.client(b).subscribe(fragile, second);
        assertThat(second.next().deliveryCount()).as("taken over, its delivery counted").isEqualTo(2);
        onB.close();

        Deliveries third = new Deliveries();
        nodes.client(a).subscribe(fragile, third);

        Delivery advisory = advisories.next();
        assertThat(advisory.message().payload().get("reason").asText()).isEqualTo("max_deliveries");
        assertThat(advisory.message().payload().get("deliveries").asInt()).isEqualTo(2);
        assertThat(third.quietFor(QUIET)).as("not delivered a third time").isEmpty();
    }

    /** A worker taking a moment per message, so that one node alone cannot keep up with the stream. */
    private static MessageHandler slowly(AtomicInteger count, Deliveries all) {
        return delivery -> {
            Thread.sleep(2);
            count.incrementAndGet();
            all.onMessage(delivery);
        };
    }

    @Test
    void anAgentRestoresThroughOneNodeFromTheSnapshotItSavedThroughAnother() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Bus publisher = nodes.client(a);
        long covered = 0;
        for (int n = 1; n <= 3; n++) {
            covered = publisher.publish(Messages.event("tally.add", n), PublishOptions.DURABLE).join().offset();
        }
        SnapshotInfo saved;
        try (RemoteConnection onA = connect(a.server().url())) {
            saved = new StatefulAgent(onA, "tally", List.of("tally.#")).save(covered, Json.object().put("sum", 6));
        }
        publisher.publish(Messages.event("tally.add", 4), PublishOptions.DURABLE).join();

        AtomicReference<Snapshot> from = new AtomicReference<>();
        List<Integer> replayed = new ArrayList<>();
        try (RemoteConnection onB = connect(b.server().url());
             StatefulAgent.Restored restored = new StatefulAgent(onB, "tally", List.of("tally.#"))
                     .restore(new AgentHandler() {
                         @Override
                         public void onSnapshot(Snapshot snapshot) {
                             from.set(snapshot);
                         }

                         @Override
                         public void onMessage(long offset, Envelope message) {
                             replayed.add(message.payload().get("n").asInt());
                         }
                     }, false)) {
            assertThat(restored.snapshot()).hasValue(saved);
            assertThat(from.get().state().get("sum").asInt()).isEqualTo(6);
            assertThat(replayed).as("only what came after the snapshot").containsExactly(4);
            assertThat(onB.snapshots().agents()).containsExactly(saved);
        }
    }

    @Test
    void aFiveMegabyteSnapshotIsRefusedNamingTheBodyLimitAndSavedThroughANodeThatAllowsIt() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        JsonNode big = TextNode.valueOf("x".repeat(5 * 1024 * 1024));
        try (RemoteConnection onA = connect(a.server().url())) {
            assertThatThrownBy(() -> onA.snapshots().save("big", 0, List.of(), big))
                    .isInstanceOfSatisfying(KmbException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                        assertThat(e.getMessage()).contains("max_message_bytes");
                    });
        }
        ServerLimits defaults = ServerLimits.defaults();
        ServerLimits roomy = new ServerLimits(8 * 1024 * 1024, 8 * 1024 * 1024, defaults.maxSubscriptions(),
                defaults.maxBadFrames(), defaults.heartbeat(), defaults.idleTimeout(), defaults.writeTimeout(),
                defaults.drainTimeout());

        try (KmbServer roomyB = KmbServer.start(b.broker(), ServerOptions.loopback(0).withLimits(roomy), "kmbd-test");
             RemoteConnection onB = connect(roomyB.url());
             RemoteConnection onA = connect(a.server().url())) {
            SnapshotInfo saved = onB.snapshots().save("big", 0, List.of(), big);

            assertThat(onA.snapshots().latest("big")).hasValueSatisfying(read -> {
                assertThat(read.info()).isEqualTo(saved);
                assertThat(read.state()).isEqualTo(big);
            });
        }
    }
}
