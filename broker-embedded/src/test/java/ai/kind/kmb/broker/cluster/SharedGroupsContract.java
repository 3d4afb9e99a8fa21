package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral queue groups with members on two nodes of one shared store: each message goes to one
 * member across the bus, whether it travels as an ephemeral broadcast or through the shared log.
 * Right after a node gains or loses members the nodes may disagree for a moment on who has
 * members (cluster.md), so each test first waits until probes reach one member each.
 */
abstract class SharedGroupsContract extends SharedRequestsContract {
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration AGREEMENT = Duration.ofSeconds(10);
    private static final SubscribeOptions POOL = SubscribeOptions.ephemeral("jobs.#").withGroup("pool");

    @Test
    void anEphemeralMessageReachesOneMemberOfAGroupWithMembersOnBothNodes() {
        eachMessageReachesOneMemberAcrossTheNodes(PublishOptions.EPHEMERAL);
    }

    @Test
    void aDurableMessageReachesOneMemberOfAnEphemeralGroupWithMembersOnBothNodes() {
        eachMessageReachesOneMemberAcrossTheNodes(PublishOptions.DURABLE);
    }

    private void eachMessageReachesOneMemberAcrossTheNodes(PublishOptions how) {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        nodes.client(a).subscribe(POOL, onA);
        nodes.client(a).subscribe(POOL, onA);
        nodes.client(b).subscribe(POOL, onB);
        List<Bus> publishers = List.of(nodes.client(a), nodes.client(b));
        awaitOneMemberEach(publishers.getFirst(), onA, onB);

        for (int n = 1; n <= 200; n++) {
            publishers.get(n % 2).publish(Messages.event("jobs.run", n), how).join();
        }

        List<Integer> fromA = numbers(onA.quietFor(QUIET));
        List<Integer> fromB = numbers(onB.quietFor(QUIET));
        List<Integer> all = Stream.concat(fromA.stream(), fromB.stream()).toList();
        assertThat(all).as("each message once, across both nodes").doesNotHaveDuplicates().hasSize(200);
        assertThat(fromA).as("node A's members got a share").isNotEmpty();
        assertThat(fromB).as("node B's member got a share").isNotEmpty();
    }

    @Test
    void whenTheMembersOnOneNodeLeaveTheOtherNodesMembersGetEveryMessage() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Deliveries onA = new Deliveries();
        Deliveries onB = new Deliveries();
        nodes.client(a).subscribe(POOL, onA);
        Subscription leaving = nodes.client(b).subscribe(POOL, onB);
        Bus publisher = nodes.client(b);
        awaitOneMemberEach(publisher, onA, onB);

        leaving.close();
        awaitOneMemberEach(publisher, onA);
        for (int n = 1; n <= 100; n++) {
            publisher.publish(Messages.event("jobs.run", n), PublishOptions.EPHEMERAL).join();
        }

        assertThat(numbers(onA.quietFor(QUIET))).as("every message, to the member left on node A")
                .containsExactlyInAnyOrderElementsOf(Stream.iterate(1, n -> n + 1).limit(100).toList());
        assertThat(onB.quietFor(Duration.ZERO)).isEmpty();
    }

    /**
     * Publishes rounds of probes until one round reaches exactly one of {@code members} per probe,
     * none missing and none twice: the nodes then agree on which of them have members.
     */
    private static void awaitOneMemberEach(Bus publisher, Deliveries... members) {
        long deadline = System.nanoTime() + AGREEMENT.toNanos();
        int round = 0;
        while (true) {
            round++;
            for (int n = 1; n <= 20; n++) {
                // Negative, so that a probe arriving late is never taken for a message of the test.
                publisher.publish(Messages.event("jobs.probe", -(round * 100 + n)), PublishOptions.EPHEMERAL).join();
            }
            List<Integer> received = new ArrayList<>();
            for (Deliveries member : members) {
                received.addAll(numbers(member.quietFor(Duration.ofMillis(200))));
            }
            if (received.size() == 20 && received.stream().distinct().count() == 20) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the nodes did not agree on the group's members within " + AGREEMENT
                        + "; the last round of 20 probes was received as " + received);
            }
        }
    }

    private static List<Integer> numbers(List<Delivery> deliveries) {
        return deliveries.stream().map(Messages::n).toList();
    }
}
