package ai.kind.kmb.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Measures cold start for {@code docs/benchmarks.md}: with {@code -Dkmb.studio.startup-probe=print}
 * the Studio prints how long after the process started its first frame was laid out; with
 * {@code =exit} it then closes, so a script can start it again and again. Off unless asked.
 */
final class StartupProbe {
    static final String PROPERTY = "kmb.studio.startup-probe";

    private final boolean exit;

    private StartupProbe(boolean exit) {
        this.exit = exit;
    }

    static Optional<StartupProbe> fromSystemProperties() {
        String mode = System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "print" -> Optional.of(new StartupProbe(false));
            case "exit" -> Optional.of(new StartupProbe(true));
            default -> Optional.empty();
        };
    }

    /** Since the operating system started this process, so the JVM's own start-up counts too. */
    static String sinceStart() {
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        return started.map(at -> Duration.between(at, Instant.now()).toMillis() + " ms").orElse("an unknown time");
    }

    /** Call on the FX thread before the scene's first pulse; {@code close} ends the Studio in exit mode. */
    void watch(Scene scene, Runnable close) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            System.out.println("KMB Studio: first frame " + sinceStart() + " after the process started");
            if (exit) {
                Platform.runLater(close);
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
