package ai.kind.kmb.ui.topics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ui.feed.TopicActivity;
import ai.kind.kmb.ui.testing.Messages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTreeModelTest {
    private static final Instant T0 = Messages.T0;
    private final TopicTreeModel tree = new TopicTreeModel();

    @Test
    void buildsTheHierarchyWithSubtreeCountsAndSystemTopicsLast() {
        apply(activity("kmb.agent.lifecycle", 3), activity("kmb.agent.intent.create", 2),
                activity("_kmb.advisory.dead_letter", 1), activity("agent.health.heartbeat", 10));

        TopicNode root = tree.root();
        assertThat(root.countProperty().get()).isEqualTo(16);
        assertThat(root.visibleChildren()).extracting(TopicNode::segment).containsExactly("agent", "kmb", "_kmb");
        TopicNode agent = tree.find("kmb.agent");
        assertThat(agent.countProperty().get()).isEqualTo(5);
        assertThat(agent.visibleChildren()).extracting(TopicNode::path)
                .containsExactly("kmb.agent.intent", "kmb.agent.lifecycle");
        assertThat(tree.find("kmb.agent.lifecycle").previewProperty().get()).isEqualTo("preview of kmb.agent.lifecycle");
        assertThat(tree.topicCountProperty().get()).isEqualTo(4);
    }

    @Test
    void countsGrowByTheTopicsNewTotals() {
        apply(activity("a.b", 3));
        apply(activity("a.b", 8));

        assertThat(tree.find("a").countProperty().get()).isEqualTo(8);
    }

    @Test
    void ratesAreMessagesPerSecondOverEachWindowAndFallToZero() {
        apply(activity("a.b", 0));
        tree.tick(T0);
        apply(activity("a.b", 50));
        tree.tick(T0.plusMillis(500));
        tree.tick(T0.plusSeconds(2));

        assertThat(tree.find("a.b").rateProperty().get()).isEqualTo(25.0);
        assertThat(tree.root().rateProperty().get()).isEqualTo(25.0);

        tree.tick(T0.plusSeconds(3));
        assertThat(tree.find("a.b").rateProperty().get()).isZero();
        assertThat(TopicTreeModel.formatRate(0)).isEqualTo("—");
        assertThat(TopicTreeModel.formatRate(2.25)).isEqualTo("2.3/s");
    }

    @Test
    void theFilterHidesBranchesWithNoMatchingTopicAndRejectsBadSyntax() {
        apply(activity("kmb.agent.lifecycle", 1), activity("agent.health.heartbeat", 1), activity("_kmb.advisory.x", 1));

        tree.filterTextProperty().set("*.health.*");
        assertThat(tree.root().visibleChildren()).extracting(TopicNode::segment).containsExactly("agent");
        assertThat(tree.messageFilterProperty().get().test("agent.health.heartbeat")).isTrue();
        assertThat(tree.messageFilterProperty().get().test("kmb.agent.lifecycle")).isFalse();

        tree.filterTextProperty().set("kmb.*#");
        assertThat(tree.filterErrorProperty().get()).contains("'*' and '#' must stand alone");
        assertThat(tree.root().visibleChildren()).as("the last valid filter stays").extracting(TopicNode::segment)
                .containsExactly("agent");

        tree.filterTextProperty().set("");
        assertThat(tree.filterErrorProperty().get()).isEmpty();
        assertThat(tree.root().visibleChildren()).hasSize(3);
    }

    @Test
    void selectingANodeLetsThroughItsSubtreeOnly() {
        apply(activity("kmb.agent.lifecycle", 1), activity("kmb.tx.payment.begin", 1), activity("_kmb.advisory.x", 1));

        tree.select("kmb.agent");
        assertThat(tree.messageFilterProperty().get().test("kmb.agent.lifecycle")).isTrue();
        assertThat(tree.messageFilterProperty().get().test("kmb.tx.payment.begin")).isFalse();

        tree.select("_kmb");
        assertThat(tree.messageFilterProperty().get().test("_kmb.advisory.x")).isTrue();

        tree.select("");
        assertThat(tree.messageFilterProperty().get().test("kmb.tx.payment.begin")).isTrue();
        assertThat(tree.messageFilterProperty().get().test("_kmb.advisory.x")).isTrue();
    }

    @Test
    void suggestsTopicsAndSubtreeFiltersForWhatWasTyped() {
        apply(activity("kmb.agent.lifecycle", 1), activity("kmb.agent.intent.create", 1), activity("kmb.tx.begin", 1));

        assertThat(tree.suggest("kmb.ag")).containsExactly("kmb.agent.#");
        assertThat(tree.suggest("kmb.agent.")).containsExactly("kmb.agent.intent.#", "kmb.agent.lifecycle");
    }

    @Test
    void clearForgetsEverything() {
        apply(activity("a.b", 4));
        tree.select("a");

        tree.clear();

        assertThat(tree.root().visibleChildren()).isEmpty();
        assertThat(tree.root().countProperty().get()).isZero();
        assertThat(tree.selectedProperty().get()).isNull();
    }

    private void apply(TopicActivity... activity) {
        tree.apply(List.of(activity), envelope -> "preview of " + envelope.topic());
    }

    private static TopicActivity activity(String topic, long received) {
        Envelope last = Messages.event(topic, (int) received);
        return new TopicActivity(topic, received, T0, last);
    }
}
