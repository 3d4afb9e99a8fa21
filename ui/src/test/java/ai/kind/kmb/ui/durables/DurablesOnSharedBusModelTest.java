package ai.kind.kmb.ui.durables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The durables model on a shared bus: claims by node, and the members of every node that serves a
 * durable, each with its node, as the nodes last reported them.
 */
class DurablesOnSharedBusModelTest {
    private static final Clock CLOCK = DurablesModelTest.CLOCK;
    private static final DurableSettings SETTINGS = DurablesModelTest.SETTINGS;
    private final InMemoryBus bus = new InMemoryBus(CLOCK);
    private final DurablesModel model = new DurablesModel(CurrentConnection.of(bus), UiExecutors.direct(), CLOCK);

    /**
     * Shared by node-a, the one asked, with two members, and node-b, which reported 3 s before the
     * read and listed one of its two members.
     */
    static DurableInfo workers(long position) {
        Instant now = CLOCK.instant();
        Instant attached = now.minusSeconds(3600);
        NodeActivity onA = new NodeActivity("node-a", List.of(
                new DurableSubscriber("worker-1", "conn-4", "10.0.0.5:41000", AckMode.MANUAL, 3, attached),
                new DurableSubscriber("worker-2", "conn-9", "10.0.0.6:41002", AckMode.MANUAL, 0, attached)),
                3, 0, SETTINGS, now.minusSeconds(1), null);
        NodeActivity onB = new NodeActivity("node-b", 2, List.of(
                new DurableSubscriber("worker-3", "conn-2", "10.0.0.7:41010", AckMode.AUTO, 1, attached)),
                1, 2, SETTINGS, now.minusSeconds(2), now.minusSeconds(3));
        return new DurableInfo("workers", "jobs.#", "pool", new DurableProgress.SharedGroup(position,
                Map.of("node-a", 3L, "node-b", 3L)), 140, onA,
                List.of(new NodeReport(onA, now), new NodeReport(onB, now.minusSeconds(3))));
    }

    @Test
    void aNodeThatDoesNotServeTheDurableNamesItselfAndHasNoSettingsNorTimes() {
        bus.durables().put(new DurableInfo("workers", "jobs.#", "pool",
                new DurableProgress.SharedGroup(500, Map.of("node-b", 2L)), 0, NodeActivity.idle("node-a"), List.of()));
        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(model.details()).containsSubsequence(
                new DurableDetail("Node here", "node-a", "the broker that answered; the figures below are its own"),
                new DurableDetail("Members here", "0", "attached to the broker that answered"),
                new DurableDetail("Last delivered", "—", "by this broker, redeliveries too"),
                new DurableDetail("Last ack", "—", "from a member here"),
                new DurableDetail("Settings", "—", "not served here now: the subscribe that starts it sets them"));
        assertThat(model.details()).extracting(DurableDetail::label).doesNotContain("Ack wait");
        assertThat(model.members()).isEmpty();
        assertThat(model.membersTitleProperty().get()).isEqualTo("Members of workers on no node");
        assertThat(model.membersPlaceholderProperty().get())
                .isEqualTo("No node of the bus serves workers now: no subscriber of it is attached anywhere.");
    }


    @Test
    void onASharedBusTheMembersOfEveryNodeAreListedWithTheirNodeAndTheHeaderSaysOnHowMany() {
        bus.durables().put(workers(500));
        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(model.members()).extracting(DurableMemberRow::node, DurableMemberRow::client)
                .containsExactly(tuple("node-a (here)", "worker-1"), tuple("node-a (here)", "worker-2"),
                        tuple("node-b", "worker-3"));
        assertThat(model.membersTitleProperty().get()).isEqualTo("Members of workers on 2 nodes · 1 more not listed");
        assertThat(model.summaryProperty().get())
                .isEqualTo("1 durable · 6 unsettled · 4 members on 2 nodes · read at 10:00:00");
        assertThat(model.details()).containsSubsequence(
                new DurableDetail("Lag", "140", "offsets past its position: at most this many messages still to take"),
                new DurableDetail("On node node-a", "2 members · 3 in flight · 0 waiting",
                        "the node that answered, as it answered"),
                new DurableDetail("On node node-b", "2 members · 1 in flight · 2 waiting",
                        "as it reported at 09:59:57 (3 s ago); nodes report every few seconds"),
                new DurableDetail("Node here", "node-a", "the broker that answered; the figures below are its own"));
        DurableInfo shown = model.durables().getFirst();
        assertThat(DurableText.onAllNodes(shown, NodeActivity::inFlight)).isEqualTo(4);
        assertThat(DurableText.onAllNodes(shown, NodeActivity::waiting)).isEqualTo(2);
    }


    @Test
    void onASharedBusADurableServedByNodesWithoutMembersSaysWhatTheyHoldWaits() {
        NodeActivity idleButHolding = new NodeActivity("node-b", List.of(), 0, 4, SETTINGS, null, null);
        bus.durables().put(new DurableInfo("workers", "jobs.#", "pool", new DurableProgress.SharedGroup(500,
                Map.of("node-b", 4L)), 0, NodeActivity.idle("node-a"),
                List.of(new NodeReport(idleButHolding, CLOCK.instant()))));
        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(model.members()).isEmpty();
        assertThat(model.membersTitleProperty().get()).isEqualTo("Members of workers on 1 node");
        assertThat(model.membersPlaceholderProperty().get()).isEqualTo("No member of workers is attached to any node "
                + "now: what the nodes hold waits for the next subscriber.");
    }


    @Test
    void onASharedBusTheClaimsShowByNode() {
        bus.durables().put(new DurableInfo("workers", "jobs.#", "pool",
                new DurableProgress.SharedGroup(500, Map.of("node-b", 1L, "node-a", 3L)), 140, NodeActivity.NONE,
                List.of()));

        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(model.sharedProperty().get()).isTrue();
        assertThat(DurableText.claims(model.durables().getFirst())).isEqualTo("node-a 3 · node-b 1");
        assertThat(model.details()).extracting(DurableDetail::label)
                .containsSubsequence("Kept by", "Position", "Unsettled", "Claimed by node-a", "Claimed by node-b", "Lag")
                .doesNotContain("Ack floor");
        assertThat(model.deleteQuestion()).contains("4 unsettled messages").contains("On a shared bus");
    }

    @Test
    void generatedNodeIdsAreShortInLabelsAndCellsAndTheAnsweringOneIsGivenInFull() {
        String asked = "c190d65c-4c53-4215-9a6d-0290dd7c6af2";
        String other = "bc8b9165-a33b-4232-9912-cc202636feb7";
        NodeActivity here = new NodeActivity(asked, List.of(), 0, 0, SETTINGS, null, null);
        NodeActivity there = new NodeActivity(other, List.of(new DurableSubscriber("auditor-1", "conn-1",
                "10.0.0.9:37886", AckMode.MANUAL, 2, CLOCK.instant())), 2, 0, SETTINGS, null, null);
        bus.durables().put(new DurableInfo("audit", "audit.#", "auditors", new DurableProgress.SharedGroup(10,
                Map.of(other, 2L)), 0, here, List.of(new NodeReport(here, CLOCK.instant()),
                new NodeReport(there, CLOCK.instant()))));
        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(DurableText.claims(model.durables().getFirst())).isEqualTo("bc8b9165… 2");
        assertThat(model.members()).extracting(DurableMemberRow::node).containsExactly("bc8b9165…");
        assertThat(model.details()).extracting(DurableDetail::label)
                .contains("Claimed by bc8b9165…", "On node c190d65c…", "On node bc8b9165…");
        assertThat(model.details()).contains(new DurableDetail("Node here", asked,
                "the broker that answered; the figures below are its own"));
    }
}
