package ai.kind.kmb.ui.studio;

import ai.kind.kmb.ui.connect.ConnectView;
import ai.kind.kmb.ui.inspector.InspectorView;
import ai.kind.kmb.ui.live.LiveView;
import ai.kind.kmb.ui.messages.MessageListView;
import ai.kind.kmb.ui.registry.SchemaVerdictBadge;
import ai.kind.kmb.ui.shell.Destination;
import ai.kind.kmb.ui.shell.ViewRegistry;
import ai.kind.kmb.ui.topics.TopicTreeView;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Studio's main views, in navigation order (Ctrl+1, Ctrl+2, ...). A new feature adds one
 * {@code registry.register(...)} line here; the rail, the View menu, its shortcut and
 * {@code --screenshot} pick it up from the registry.
 */
public final class StudioViews {
    public static final Destination LIVE = new Destination("live", "Live",
            "Live traffic: topic tree, message list and inspector");
    public static final Destination CONNECT = new Destination("connect", "Connect",
            "Embedded broker or a saved remote profile");

    private StudioViews() {
    }

    static void register(ViewRegistry registry, Studio studio) {
        registry.register(LIVE, Feather.ACTIVITY, () -> {
            InspectorView inspector = new InspectorView(studio.inspector());
            inspector.addVerdict(new SchemaVerdictBadge(studio.dashboard().schemaVerdict()));
            LiveView view = new LiveView(new TopicTreeView(studio.topics()), new MessageListView(studio.messages()),
                    inspector);
            studio.liveView(view);
            return view;
        });
        registry.register(CONNECT, Feather.LINK, () -> new ConnectView(studio.connect(), studio.embeddedSettings()));
        studio.dashboard().register(registry);
    }
}
