package ai.kind.kmb.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.kind.kmb.themes.StudioTheme;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path config;

    @Test
    void missingFileGivesDefaults() {
        assertThat(new SettingsStore(config.resolve("nowhere")).load()).isEqualTo(StudioSettings.DEFAULTS);
    }

    @Test
    void remembersThemeLastProfileTraceFilterAndEmbeddedBrokerAcrossInstances() {
        EmbeddedBrokerSettings redis = new EmbeddedBrokerSettings(EmbeddedBrokerSettings.Backend.REDIS,
                "redis://127.0.0.1:6379/0", "team", "/etc/kmb/keys.yaml");
        StudioSettings settings = new StudioSettings(StudioTheme.NORD_DARK, "staging", false, redis);

        new SettingsStore(config).save(settings);

        assertThat(new SettingsStore(config).load()).isEqualTo(settings);
    }

    @Test
    void theFileIsItsOwnersAloneSinceAUrlMayHoldAPassword() throws Exception {
        SettingsStore store = new SettingsStore(config);
        store.save(StudioSettings.DEFAULTS.withEmbedded(new EmbeddedBrokerSettings(EmbeddedBrokerSettings.Backend.POSTGRES,
                "jdbc:postgresql://db:5432/kmb?user=kmb&password=secret", null, null)));

        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void anEmbeddedBackendTheFileGotWrongStartsTheEmbeddedStore() throws Exception {
        Files.writeString(config.resolve(SettingsStore.FILE_NAME),
                "embedded.backend=redis\nembedded.url=not a url\nembedded.key-registry=/k.yaml\n"
                        + "theme=" + StudioTheme.NORD_LIGHT.id() + "\n");

        StudioSettings loaded = new SettingsStore(config).load();

        assertThat(loaded.theme()).isEqualTo(StudioTheme.NORD_LIGHT);
        assertThat(loaded.embedded().backend()).isEqualTo(EmbeddedBrokerSettings.Backend.SQLITE);
        assertThat(loaded.embedded().keyRegistry()).isEqualTo("/k.yaml");
    }

    @Test
    void themeModelChangesAreWrittenThrough() {
        SettingsStore store = new SettingsStore(config);
        ThemeModel themes = new ThemeModel(StudioTheme.PRIMER_LIGHT,
                theme -> store.update(settings -> settings.withTheme(theme)));

        themes.toggleDark();

        assertThat(themes.theme()).isEqualTo(StudioTheme.PRIMER_DARK);
        assertThat(store.load().theme()).isEqualTo(StudioTheme.PRIMER_DARK);
    }

    @Test
    void garbageFileGivesDefaultsInsteadOfFailing() throws Exception {
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), "theme=\\u12");

        assertThat(new SettingsStore(config).load()).isEqualTo(StudioSettings.DEFAULTS);
    }
}
