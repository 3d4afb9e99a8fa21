package ai.kind.kmb.app;

import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.themes.StudioTheme;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.shell.ViewRegistry;
import ai.kind.kmb.ui.studio.Studio;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;

/**
 * {@code --screenshot DIR}: every registered view in a light and a dark theme, with demo traffic,
 * as {@code <view>-<light|dark>.png}, plus the Connect view on the embedded broker's settings and
 * the inspector on a truncated payload and on a diff. Views registered
 * later are picked up from the registry without changes here.
 */
final class Screenshots {
    static final List<StudioTheme> THEMES = List.of(StudioTheme.PRIMER_LIGHT, StudioTheme.PRIMER_DARK);
    private static final Duration TRAFFIC_PATIENCE = Duration.ofSeconds(20);

    private final Studio studio;
    private final Scene scene;
    private final EmbeddedBroker broker;
    private final Path directory;

    Screenshots(Studio studio, Scene scene, EmbeddedBroker broker, Path directory) {
        this.studio = studio;
        this.scene = scene;
        this.broker = broker;
        this.directory = directory;
    }

    List<Path> takeAll() throws Exception {
        // Enough traffic for every view: commands with replies, a truncated payload, and the poison in the DLQ.
        await("demo traffic", () -> onFx(() -> studio.status().shownProperty().get() >= 150
                && studio.messages().visible().stream().anyMatch(DisplayMessage::truncated))
                && !broker.broker().deadLetters().list(DeadLetterQuery.all(1)).isEmpty());
        List<Path> written = new ArrayList<>();
        for (StudioTheme theme : THEMES) {
            FxCalls.run(() -> studio.themes().use(theme));
            String suffix = theme.isDark() ? "dark" : "light";
            for (ViewRegistry.Entry entry : studio.registry().entries()) {
                String id = entry.destination().id();
                FxCalls.run(() -> studio.registry().navigation().go(id));
                prepare(id);
                written.add(snapshot(id + "-" + suffix));
                if (id.equals("connect")) {
                    showEmbeddedSettings();
                    written.add(snapshot("connect-embedded-" + suffix));
                }
            }
            FxCalls.run(() -> studio.registry().navigation().go("live"));
            select(DisplayMessage::truncated);
            written.add(snapshot("inspector-truncated-" + suffix));
            select(m -> m.topic().equals("agent.health.heartbeat"));
            showInspectorTab(1);
            written.add(snapshot("inspector-diff-" + suffix));
            showInspectorTab(0);
        }
        return written;
    }

    /** Puts each view in the state a person would look at. */
    private void prepare(String id) throws Exception {
        switch (id) {
            case "live" -> select(m -> m.topic().startsWith("kmb.agent.command.") && !m.truncated());
            case "connect" -> FxCalls.run(() -> studio.connect().profiles().stream()
                    .filter(profile -> !profile.isEmbedded()).findFirst()
                    .ifPresent(profile -> studio.connect().selectedProperty().set(profile)));
            case "limits" -> await("rate limits read", () -> onFx(() ->
                    !studio.dashboard().limits().summaryProperty().get().isEmpty()));
            case "snapshots" -> {
                // The demo's stateful agent saves every few seconds: ask again until one is there.
                await("a snapshot", () -> onFx(() -> {
                    studio.dashboard().snapshots().refresh();
                    return !studio.dashboard().snapshots().agents().isEmpty();
                }));
                FxCalls.run(() -> ((TableView<?>) lookup("#snapshots-agents")).getSelectionModel().selectFirst());
            }
            case "registry" -> showRegistry();
            case "durables" -> {
                // The demo's durables (the ingest worker, the auditors' group): show the first picked, not an empty pane.
                var durables = studio.dashboard().durables();
                await("durables listed", () -> onFx(() -> !durables.durables().isEmpty()));
                FxCalls.run(() -> durables.select(durables.durables().getFirst()));
            }
            case "dlq" -> {
                // The list is read in the background when the view opens; show a letter, not an empty reader.
                await("dead letters listed", () -> onFx(() -> !studio.dashboard().deadLetters().letters().isEmpty()));
                FxCalls.run(() -> ((TableView<?>) lookup("#dlq-letters")).getSelectionModel().selectFirst());
            }
            default -> {
            }
        }
    }

    /**
     * A node of the view just shown, on the FX thread. A view shown since the last pulse has no
     * skins yet, and a split pane or tab pane lists its content as children only once skinned, so
     * CSS is applied first.
     */
    private Node lookup(String selector) {
        scene.getRoot().applyCss();
        return scene.lookup(selector);
    }

    /**
     * The embedded profile's settings, with Redis picked as a person joining a team's bus would, left
     * unsaved (the screenshot's config folder is thrown away anyway).
     */
    private void showEmbeddedSettings() throws Exception {
        FxCalls.run(() -> {
            studio.connect().selectedProperty().set(studio.connect().profiles().getFirst());
            var embedded = studio.embeddedSettings();
            embedded.backendProperty().set(EmbeddedBrokerSettings.Backend.REDIS);
            embedded.urlProperty().set("redis://127.0.0.1:6379/0");
            embedded.busNameProperty().set("team");
        });
    }

    /** The heartbeat topic: v1 beside the proposed next version (v2's schema), checked as a dry run. */
    private void showRegistry() throws Exception {
        var registry = studio.dashboard().registry();
        await("registry topics", () -> onFx(() -> registry.topics().stream()
                .anyMatch(topic -> topic.name().equals("agent.health.heartbeat"))));
        FxCalls.run(() -> {
            registry.topics().stream().filter(topic -> topic.name().equals("agent.health.heartbeat")).findFirst()
                    .ifPresent(registry.selectedProperty()::set);
            registry.versionProperty().set("v1");
            registry.check();
        });
        await("compatibility verdict", () -> onFx(() -> !registry.verdictProperty().get().isEmpty()));
    }

    private void showInspectorTab(int index) throws Exception {
        FxCalls.run(() -> ((TabPane) lookup("#inspector-tabs")).getSelectionModel().select(index));
    }

    private void select(Predicate<DisplayMessage> wanted) throws Exception {
        FxCalls.run(() -> {
            var rows = studio.messages().visible();
            for (int i = rows.size() - 1; i >= 0; i--) {
                if (wanted.test(rows.get(i))) {
                    studio.messages().followProperty().set(false);
                    studio.messages().selectedProperty().set(rows.get(i));
                    return;
                }
            }
        });
    }

    private Path snapshot(String name) throws Exception {
        // A few pulses for layout, CSS and the virtual flows to settle after the change.
        for (int i = 0; i < 4; i++) {
            Thread.sleep(150);
            FxCalls.run(() -> { });
        }
        Path file = directory.resolve(name.toLowerCase(Locale.ROOT) + ".png");
        PngWriter.write(FxCalls.call(() -> scene.snapshot(null)), file);
        System.out.println("KMB Studio: wrote " + file);
        return file;
    }

    private static boolean onFx(java.util.function.Supplier<Boolean> check) {
        try {
            return FxCalls.call(check);
        } catch (Exception e) {
            throw new IllegalStateException("the FX thread did not answer", e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TRAFFIC_PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no " + what + " after " + TRAFFIC_PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
