package ai.kind.kmb.ui.live;

import ai.kind.kmb.ui.inspector.InspectorView;
import ai.kind.kmb.ui.messages.MessageListView;
import ai.kind.kmb.ui.topics.TopicTreeView;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;

/** The live traffic view: the topic tree on the left, the message list above the inspector on the right. */
public final class LiveView extends SplitPane {
    private final TopicTreeView topics;
    private final MessageListView messages;
    private final InspectorView inspector;

    public LiveView(TopicTreeView topics, MessageListView messages, InspectorView inspector) {
        this.topics = topics;
        this.messages = messages;
        this.inspector = inspector;
        setId("live-view");
        SplitPane right = new SplitPane(messages, inspector);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.48);
        getItems().addAll(topics, right);
        setDividerPositions(0.37);
        SplitPane.setResizableWithParent(topics, false);
    }

    public TopicTreeView topics() {
        return topics;
    }

    public MessageListView messages() {
        return messages;
    }

    public InspectorView inspector() {
        return inspector;
    }
}
