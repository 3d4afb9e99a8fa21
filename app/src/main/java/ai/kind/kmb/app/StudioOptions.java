package ai.kind.kmb.app;

import java.nio.file.Path;

/**
 * How KMB Studio was asked to run.
 *
 * @param dataDirectory   where the embedded broker keeps its SQLite log (and, by default, its key registry)
 * @param configDirectory where settings and connection profiles live
 * @param port            the embedded broker's port on 127.0.0.1; another free one is used if it is taken
 * @param demo            start simulated agents on the bus
 * @param screenshotDir   render every view to PNG here and exit; null for the normal window
 * @param embedded        what the command line said about the embedded broker's backend and key registry, over
 *                        the saved settings
 */
public record StudioOptions(Path dataDirectory, Path configDirectory, int port, boolean demo, Path screenshotDir,
                            EmbeddedFlags embedded) {

    /** As the saved settings say. */
    public StudioOptions(Path dataDirectory, Path configDirectory, int port, boolean demo, Path screenshotDir) {
        this(dataDirectory, configDirectory, port, demo, screenshotDir, EmbeddedFlags.NONE);
    }

    public boolean screenshots() {
        return screenshotDir != null;
    }

    /** {@code ~/.kmb-studio}: the broker's data, which a person may want to keep or wipe as a whole. */
    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), ".kmb-studio");
    }

    /** The platform's config folder: {@code $XDG_CONFIG_HOME/kmb-studio}, else {@code ~/.config/kmb-studio}. */
    public static Path defaultConfigDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("kmb-studio");
    }
}
