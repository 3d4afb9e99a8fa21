package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.support.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Keeps {@link StudioSettings} in {@code settings.properties} in the user's config directory, next
 * to the connection profiles, so one folder holds everything a person would back up or delete.
 * A file that is missing or unreadable gives the defaults: settings must never stop the app
 * starting. The file may hold a password inside the embedded broker's Redis or PostgreSQL URL, so
 * it is its owner's alone, as {@code profiles.json} is.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.properties";
    private static final String THEME = "theme";
    private static final String LAST_PROFILE = "connection.last-profile";
    private static final String ROUND_TRIPS_ONLY = "traces.round-trips-only";
    private static final String BACKEND = "embedded.backend";
    private static final String URL = "embedded.url";
    private static final String BUS_NAME = "embedded.bus-name";
    private static final String KEY_REGISTRY = "embedded.key-registry";

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
        return new StudioSettings(theme, properties.getProperty(LAST_PROFILE), roundTripsOnly, embedded(properties));
    }

    /** A backend this version does not know, or one the file got wrong, starts the embedded store. */
    private static EmbeddedBrokerSettings embedded(Properties properties) {
        EmbeddedBrokerSettings.Backend backend = EmbeddedBrokerSettings.Backend.fromId(properties.getProperty(BACKEND))
                .orElse(EmbeddedBrokerSettings.Backend.SQLITE);
        EmbeddedBrokerSettings read = new EmbeddedBrokerSettings(backend, properties.getProperty(URL),
                properties.getProperty(BUS_NAME), properties.getProperty(KEY_REGISTRY));
        return read.problem().isEmpty() ? read
                : new EmbeddedBrokerSettings(EmbeddedBrokerSettings.Backend.SQLITE, read.url(), read.busName(),
                        read.keyRegistry());
    }

    /** Written whole, through a temporary file moved in place, so a crash never leaves half a file. */
    public void save(StudioSettings settings) {
        Properties properties = new Properties();
        properties.setProperty(THEME, settings.theme().id());
        properties.setProperty(ROUND_TRIPS_ONLY, String.valueOf(settings.roundTripsOnly()));
        putIfSet(properties, LAST_PROFILE, settings.lastProfile());
        EmbeddedBrokerSettings embedded = settings.embedded();
        properties.setProperty(BACKEND, embedded.backend().id());
        putIfSet(properties, URL, embedded.url());
        properties.setProperty(BUS_NAME, embedded.busName());
        putIfSet(properties, KEY_REGISTRY, embedded.keyRegistry());
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "KMB Studio settings");
            PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save settings to " + file, e);
        }
    }

    /** Reads, changes and writes in one go: for listeners that remember one field each. */
    public synchronized void update(UnaryOperator<StudioSettings> change) {
        save(change.apply(load()));
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }
}
