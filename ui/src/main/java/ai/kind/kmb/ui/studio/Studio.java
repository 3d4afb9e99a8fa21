package ai.kind.kmb.ui.studio;

import ai.kind.kmb.ui.connect.ConnectModel;
import ai.kind.kmb.ui.connect.ConnectionManager;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.connect.EmbeddedSettingsModel;
import ai.kind.kmb.ui.connect.ProfileStore;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.feed.MessageRenderer;
import ai.kind.kmb.ui.inspector.InspectorModel;
import ai.kind.kmb.ui.live.DrainTimer;
import ai.kind.kmb.ui.live.LiveView;
import ai.kind.kmb.ui.live.TrafficDrain;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.shell.NavigationModel;
import ai.kind.kmb.ui.shell.SettingsStore;
import ai.kind.kmb.ui.shell.ShellView;
import ai.kind.kmb.ui.shell.StudioSettings;
import ai.kind.kmb.ui.shell.ThemeModel;
import ai.kind.kmb.ui.shell.ViewRegistry;
import ai.kind.kmb.ui.status.StatusBarView;
import ai.kind.kmb.ui.status.StatusModel;
import ai.kind.kmb.ui.topics.TopicTreeModel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * The composition root of the views: builds every presentation model from a
 * {@link StudioEnvironment}, then (on the FX thread) the shell and the views registered by
 * {@link StudioViews}. The app and the screenshot mode use it alike; later features get their
 * models' dependencies from here, the bus above all through {@link #connections()}.
 */
public final class Studio implements AutoCloseable {
    private final StudioEnvironment environment;
    private final SettingsStore settings;
    private final ThemeModel themes;
    private final LiveFeed feed;
    private final ConnectionManager connections;
    private final StatusModel status = new StatusModel();
    private final MessageListModel messages;
    private final TopicTreeModel topics = new TopicTreeModel();
    private final InspectorModel inspector;
    private final ConnectModel connect;
    private final EmbeddedSettingsModel embeddedSettings;
    private final TrafficDrain drain;
    private final ViewRegistry registry = new ViewRegistry(new NavigationModel());
    private final Dashboard dashboard;
    private DrainTimer drainTimer;
    private Timeline statusTimer;
    private LiveView liveView;

    public Studio(StudioEnvironment environment) {
        this.environment = environment;
        this.settings = new SettingsStore(environment.configDirectory());
        StudioSettings remembered = settings.load();
        this.themes = new ThemeModel(remembered.theme(), theme -> settings.update(s -> s.withTheme(theme)));
        this.feed = new LiveFeed(environment.limits(), environment.clock());
        this.connections = new ConnectionManager(environment.connector(), feed, environment.executors());
        this.messages = new MessageListModel(environment.limits().listCapacity());
        this.inspector = new InspectorModel(messages, environment.limits().payloadChars());
        this.connect = new ConnectModel(new ProfileStore(environment.configDirectory()), connections,
                name -> settings.update(s -> s.withLastProfile(name)));
        connect.localUrl(environment.localUrl());
        this.embeddedSettings = new EmbeddedSettingsModel(remembered.embedded(),
                embedded -> settings.update(s -> s.withEmbedded(embedded)), environment.embeddedRun());
        this.drain = new TrafficDrain(feed, new MessageRenderer(environment.limits()), messages, topics, status);
        messages.topicFilterProperty().bind(topics.messageFilterProperty());
        connections.onSwitch(() -> {
            messages.clear();
            topics.clear();
        });
        connections.statusProperty().addListener((obs, old, now) -> status.connection(now));
        status.connection(connections.statusProperty().get());
        status.notice(environment.notice());
        this.dashboard = new Dashboard(this, Path.of(System.getProperty("user.home")));
    }

    /** Builds the window's content. Call on the FX thread. */
    public ShellView buildShell(Runnable quit) {
        StudioViews.register(registry, this);
        ShellView shell = new ShellView(registry, themes, new StatusBarView(status), quit);
        shell.addMenu(StudioMenus.traffic(this));
        shell.addMenu(StudioMenus.message(this));
        shell.addMenu(dashboard.menu());
        return shell;
    }

    /** Starts the drain and connects to the remembered profile when it can, else to the embedded broker. */
    public CompletableFuture<Void> start() {
        drainTimer = new DrainTimer(drain, environment.clock());
        drainTimer.start();
        statusTimer = new Timeline(new KeyFrame(Duration.seconds(1), e -> connections.refreshStatus()));
        statusTimer.setCycleCount(Animation.INDEFINITE);
        statusTimer.play();
        return connections.connect(initialProfile());
    }

    private ConnectionProfile initialProfile() {
        String last = settings.load().lastProfile();
        return connect.profiles().stream()
                .filter(profile -> profile.name().equals(last))
                .filter(profile -> connections.unavailableReason(profile).isEmpty())
                .findFirst()
                .orElse(ConnectionProfile.EMBEDDED_PROFILE);
    }

    // ---- what views and later features build on

    public ThemeModel themes() {
        return themes;
    }

    public ConnectionManager connections() {
        return connections;
    }

    public MessageListModel messages() {
        return messages;
    }

    public TopicTreeModel topics() {
        return topics;
    }

    public InspectorModel inspector() {
        return inspector;
    }

    public ConnectModel connect() {
        return connect;
    }

    /** The embedded broker's saved settings, edited in the Connect view. */
    public EmbeddedSettingsModel embeddedSettings() {
        return embeddedSettings;
    }

    public StatusModel status() {
        return status;
    }

    public LiveFeed feed() {
        return feed;
    }

    public TrafficDrain drain() {
        return drain;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public ViewRegistry registry() {
        return registry;
    }

    public StudioEnvironment environment() {
        return environment;
    }

    SettingsStore settings() {
        return settings;
    }

    // ---- actions behind menus and shortcuts

    void liveView(LiveView view) {
        this.liveView = view;
    }

    void focusTopicFilter() {
        registry.navigation().go(StudioViews.LIVE.id());
        if (liveView != null) {
            liveView.topics().focusFilter();
        }
    }

    void copySelectedAsJson() {
        if (liveView != null) {
            liveView.inspector().copyJson();
        }
    }

    void copySelectedAsKmbctl() {
        if (liveView != null) {
            liveView.inspector().copyKmbctl();
        }
    }

    @Override
    public void close() {
        dashboard.close();
        if (drainTimer != null) {
            drainTimer.close();
        }
        if (statusTimer != null) {
            statusTimer.stop();
        }
        connections.close();
    }
}
