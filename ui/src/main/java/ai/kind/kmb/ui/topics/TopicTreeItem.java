package ai.kind.kmb.ui.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeItem;

/**
 * A tree item that mirrors a {@link TopicNode}'s visible children. Items are reused by node, so a
 * branch a person opened stays open when the filter or new topics change the tree around it.
 */
final class TopicTreeItem extends TreeItem<TopicNode> {
    private static final int EXPANDED_DEPTH = 3;

    private final Map<TopicNode, TopicTreeItem> items = new HashMap<>();
    private final int depth;

    TopicTreeItem(TopicNode node, int depth) {
        super(node);
        this.depth = depth;
        setExpanded(depth < EXPANDED_DEPTH);
        node.visibleChildren().addListener((ListChangeListener<TopicNode>) change -> sync(node.visibleChildren()));
        sync(node.visibleChildren());
    }

    private void sync(List<TopicNode> visible) {
        items.keySet().retainAll(visible);
        getChildren().setAll(visible.stream()
                .map(child -> items.computeIfAbsent(child, key -> new TopicTreeItem(key, depth + 1)))
                .toList());
    }
}
