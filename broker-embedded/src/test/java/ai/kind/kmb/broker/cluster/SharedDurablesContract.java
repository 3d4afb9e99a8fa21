package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Bus;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RemoteConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What either node of a shared store shows of a durable with members on both: the group's position
 * and each node's claims, what the node asked does for it ({@code here}), and what every live node
 * serving it reports ({@code nodes}), a node that closed or died dropping out of the list.
 */
abstract class SharedDurablesContract extends SharedGroupsContract {
    /** Longer than a node takes to report a change of members: it writes at once, not at the next heartbeat. */
    private static final Duration PATIENCE = ResponderDirectory.HEARTBEAT.multipliedBy(2);
    private static final SubscribeOptions SPREAD = SubscribeOptions.durable("spread", "spread.#").withGroup("pool")
            .withAckMode(AckMode.MANUAL);

    @Test
    void eitherNodeTellsHowManyMessagesEachNodeHoldsUnsettled() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        SubscribeOptions pool = SubscribeOptions.durable("tally", "tasks.#").withGroup("pool")
                .withAckMode(AckMode.MANUAL).withMaxInflight(2);
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        nodes.client(a).subscribe(pool, onA);
        nodes.client(b).subscribe(pool, onB);
        Bus publisher = nodes.client(a);
        List<Long> offsets = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            offsets.add(publisher.publish(Messages.event("tasks.add", n), PublishOptions.DURABLE).join().offset());
        }
        onA.next(2);
        onB.next(2);

        DurableInfo fromA;
        DurableInfo fromB;
        try (RemoteConnection viaA = connect(a.server().url()); RemoteConnection viaB = connect(b.server().url())) {
            fromA = viaA.durables().get("tally");
            fromB = viaB.durables().list().getFirst();
        }

        assertThat(fromA.progress()).as("each node holds what its member's max_inflight allows")
                .isEqualTo(new DurableProgress.SharedGroup(offsets.get(3), Map.of(a.id(), 2L, b.id(), 2L)));
        assertThat(fromA.lag()).as("two published messages not claimed by either node").isEqualTo(2);
        assertThat(fromA.group()).isEqualTo("pool");
        assertThat(fromA.here()).extracting(NodeActivity::node, NodeActivity::members, NodeActivity::inFlight,
                NodeActivity::waiting).containsExactly(a.id(), 1, 2, 0);
        assertThat(fromA.here().subscribers().getFirst()).as("the member on node a, its SDK client's connection")
                .satisfies(member -> {
                    assertThat(member.inFlight()).isEqualTo(2);
                    assertThat(member.connection()).startsWith("conn-");
                    assertThat(member.address()).startsWith("127.0.0.1:");
                });
        assertThat(fromB.name()).isEqualTo("tally");
        assertThat(fromB.progress()).isEqualTo(fromA.progress());
        assertThat(fromB.here()).extracting(NodeActivity::node, NodeActivity::members, NodeActivity::inFlight,
                NodeActivity::waiting).containsExactly(b.id(), 1, 2, 0);
    }

    @Test
    void eitherNodeListsTheMembersOfADurableOnEveryNode() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        nodes.client(a).subscribe(SPREAD, new Deliveries());
        nodes.client(a).subscribe(SPREAD, new Deliveries());
        nodes.client(b).subscribe(SPREAD, new Deliveries());

        for (TestNodes.Node asked : List.of(a, b)) {
            TestNodes.Node other = asked == a ? b : a;
            DurableInfo seen = awaitNodes(asked, "both nodes' members", durable -> durable.membersOnAllNodes() == 3);

            assertThat(seen.nodes()).as("the node asked first, then the others")
                    .extracting(report -> report.activity().node(), report -> report.activity().members())
                    .containsExactly(tuple(asked.id(), asked == a ? 2 : 1), tuple(other.id(), other == a ? 2 : 1));
            assertThat(seen.here().node()).as("here is still the node asked alone").isEqualTo(asked.id());
            NodeReport theOther = seen.nodes().getLast();
            assertThat(theOther.reportedAt()).isNotNull();
            assertThat(theOther.activity().settings()).isNotNull();
            assertThat(theOther.activity().subscribers()).allSatisfy(member -> {
                assertThat(member.connection()).startsWith("conn-");
                assertThat(member.address()).startsWith("127.0.0.1:");
                assertThat(member.ack()).isEqualTo(AckMode.MANUAL);
            });
        }
    }

    @Test
    void aNodeThatClosesDropsOutOfTheDurablesNodesAtOnce() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        nodes.client(a).subscribe(SPREAD, new Deliveries());
        nodes.client(b).subscribe(SPREAD, new Deliveries());
        awaitNodes(a, "both nodes", durable -> durable.nodes().size() == 2);

        long closing = System.nanoTime();
        nodes.stop(b);
        DurableInfo after = awaitNodes(a, "node a alone", durable -> durable.nodes().size() == 1);

        assertThat(after.nodes()).extracting(report -> report.activity().node()).containsExactly(a.id());
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("its entry is removed as it closes")
                .isLessThan(ResponderDirectory.TTL);
    }

    @Test
    void aNodeThatDiesWithoutAWordIsListedUntilItsHeartbeatRunsOut() throws Exception {
        TestNodes.Node a = node();
        nodes.client(a).subscribe(SPREAD, new Deliveries());
        String ghost = "ghost-" + UUID.randomUUID();
        Duration ttl = Duration.ofSeconds(2);
        DurableSubscriber member = new DurableSubscriber("agent-9", "conn-9", "10.0.0.9:40000", AckMode.MANUAL, 4,
                Instant.now());
        NodeActivity held = new NodeActivity(ghost, 3, List.of(member), 4, 0, new DurableSettings(
                Duration.ofSeconds(30), 5, List.of(), 100), Instant.now(), null);

        listGhost(a.broker().store(), ghost, Set.of(), new DurablesReport(ghost, Instant.now(), Map.of("spread", held)),
                ttl);
        long listed = System.nanoTime();

        DurableInfo before;
        try (RemoteConnection viaA = connect(a.server().url())) {
            before = viaA.durables().get("spread");
        }
        assertThat(before.nodes()).extracting(report -> report.activity().node()).containsExactly(a.id(), ghost);
        assertThat(before.nodes().getLast().activity()).as("as it reported it, its members bounded")
                .extracting(NodeActivity::members, NodeActivity::membersLeftOut, NodeActivity::inFlight)
                .containsExactly(3, 2, 4);
        awaitNodes(a, "the ghost gone", durable -> durable.nodes().size() == 1, ttl.plus(PATIENCE));
        assertThat(Duration.ofNanos(System.nanoTime() - listed)).isGreaterThanOrEqualTo(ttl.minusMillis(50));
    }

    private DurableInfo awaitNodes(TestNodes.Node asked, String what, Predicate<DurableInfo> seen) {
        return awaitNodes(asked, what, seen, PATIENCE);
    }

    /** Asks {@code asked} for durable "spread" until {@code seen} holds; fails after {@code patience}. */
    private DurableInfo awaitNodes(TestNodes.Node asked, String what, Predicate<DurableInfo> seen, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        DurableInfo last = null;
        try (RemoteConnection connection = connect(asked.server().url())) {
            while (System.nanoTime() - deadline < 0) {
                last = connection.durables().get("spread");
                if (seen.test(last)) {
                    return last;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("node " + asked.id() + " did not show " + what + " within " + patience
                + "; last answer: " + (last == null ? "none" : last.nodes()));
    }

    protected static RemoteConnection connect(String url) {
        return RemoteConnection.open(RemoteBusOptions.defaults(URI.create(url)));
    }
}
