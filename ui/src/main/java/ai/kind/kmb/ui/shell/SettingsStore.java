package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Keeps {@link StudioSettings} in {@code settings.properties} in the user's config directory, next
 * to the connection profiles, so one folder holds everything a person would back up or delete.
 * A file that is missing or unreadable gives the defaults: settings must never stop the app starting.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.properties";
    private static final String THEME = "theme";
    private static final String LAST_PROFILE = "connection.last-profile";
    private static final String ROUND_TRIPS_ONLY = "traces.round-trips-only";

    private final Path file;

    public SettingsStore(Path configDirectory) {
        this.file = configDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public StudioSettings load() {
        if (!Files.isRegularFile(file)) {
            return StudioSettings.DEFAULTS;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return StudioSettings.DEFAULTS;
        }
        StudioTheme theme = StudioTheme.fromId(properties.getProperty(THEME, StudioTheme.defaultTheme().id()));
        boolean roundTripsOnly = Boolean.parseBoolean(properties.getProperty(ROUND_TRIPS_ONLY,
                String.valueOf(StudioSettings.DEFAULTS.roundTripsOnly())));
        return new StudioSettings(theme, properties.getProperty(LAST_PROFILE), roundTripsOnly);
    }

    /** Writes to a temporary file first and moves it in place, so a crash never leaves half a file. */
    public void save(StudioSettings settings) {
        Properties properties = new Properties();
        properties.setProperty(THEME, settings.theme().id());
        properties.setProperty(ROUND_TRIPS_ONLY, String.valueOf(settings.roundTripsOnly()));
        if (settings.lastProfile() != null) {
            properties.setProperty(LAST_PROFILE, settings.lastProfile());
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "KMB Studio settings");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save settings to " + file, e);
        }
    }

    /** Reads, changes and writes in one go: for listeners that remember one field each. */
    public synchronized void update(java.util.function.UnaryOperator<StudioSettings> change) {
        save(change.apply(load()));
    }
}
