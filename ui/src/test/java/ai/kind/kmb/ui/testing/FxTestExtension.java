package ai.kind.kmb.ui.testing;

import ai.kind.kmb.themes.StudioTheme;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The one way UI tests get JavaFX: starts the toolkit once per test JVM (on the headless glass
 * platform the parent pom selects), hands tests an {@link FxRobot}, and hides what a test showed.
 * Use with {@code @ExtendWith(FxTestExtension.class)} and {@link #show} in a {@code @BeforeEach}.
 */
public final class FxTestExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 820;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // TestFX keeps one toolkit and one primary stage per JVM; asking again returns the same.
        FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        FxToolkit.cleanupStages();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == FxRobot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return new FxRobot();
    }

    /** Builds {@code root} on the FX thread and shows it in the primary stage, styled with {@code theme}. */
    public static <T extends Parent> T show(Supplier<T> root, StudioTheme theme) throws Exception {
        T built = onFx(root);
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(theme.userAgentStylesheet());
            Scene scene = new Scene(built, WIDTH, HEIGHT);
            scene.getStylesheets().setAll(theme.studioStylesheets());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return built;
    }

    public static <T extends Parent> T show(Supplier<T> root) throws Exception {
        return show(root, StudioTheme.PRIMER_LIGHT);
    }

    public static Stage stage() throws Exception {
        return FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code action} on the FX thread and waits for it, rethrowing what it threw. */
    public static <T> T onFx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        // Generous: the first scene of a JVM parses AtlantaFX's 160 KB of CSS, slow on a busy machine.
        return result.get(60, TimeUnit.SECONDS);
    }

    public static void runFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
