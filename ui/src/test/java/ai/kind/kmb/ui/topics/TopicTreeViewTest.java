package ai.kind.kmb.ui.topics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.feed.TopicActivity;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.Messages;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class TopicTreeViewTest {
    private final TopicTreeModel model = new TopicTreeModel();

    @BeforeEach
    void show() throws Exception {
        model.apply(List.of(activity("kmb.agent.lifecycle", 3), activity("agent.health.heartbeat", 7)),
                envelope -> "{\"n\":1}");
        FxTestExtension.show(() -> new TopicTreeView(model));
    }

    @Test
    void showsTheHierarchyWithCounts(FxRobot robot) {
        TreeTableView<TopicNode> tree = tree(robot);

        assertThat(tree.getRoot().getValue().countProperty().get()).isEqualTo(10);
        assertThat(tree.getRoot().getChildren()).extracting(item -> item.getValue().segment())
                .containsExactly("agent", "kmb");
        assertThat(robot.lookup("heartbeat").tryQuery()).isPresent();
    }

    @Test
    void typingAFilterHidesBranchesThatDoNotMatch(FxRobot robot) {
        robot.clickOn("#topic-filter").write("kmb.#");

        assertThat(model.filterTextProperty().get()).isEqualTo("kmb.#");
        assertThat(tree(robot).getRoot().getChildren()).extracting(item -> item.getValue().segment())
                .containsExactly("kmb");
    }

    @Test
    void clickingANodeFiltersTheMessagesToItsSubtree(FxRobot robot) {
        robot.clickOn("lifecycle");

        assertThat(model.selectedProperty().get().path()).isEqualTo("kmb.agent.lifecycle");
        assertThat(model.messageFilterProperty().get().test("kmb.agent.lifecycle")).isTrue();
        assertThat(model.messageFilterProperty().get().test("agent.health.heartbeat")).isFalse();
    }

    @Test
    void newTopicsAppearAndOpenBranchesStayOpen(FxRobot robot) throws Exception {
        TreeItem<TopicNode> agent = tree(robot).getRoot().getChildren().getFirst();

        FxTestExtension.runFx(() -> model.apply(List.of(activity("agent.health.probe", 1)), envelope -> ""));

        TreeItem<TopicNode> sameAgent = tree(robot).getRoot().getChildren().getFirst();
        assertThat(sameAgent).isSameAs(agent);
        assertThat(robot.lookup("probe").tryQuery()).isPresent();
    }

    @SuppressWarnings("unchecked")
    private static TreeTableView<TopicNode> tree(FxRobot robot) {
        return robot.lookup("#topic-tree").queryAs(TreeTableView.class);
    }

    private static TopicActivity activity(String topic, long count) {
        return new TopicActivity(topic, count, Messages.T0, Messages.event(topic, (int) count));
    }
}
