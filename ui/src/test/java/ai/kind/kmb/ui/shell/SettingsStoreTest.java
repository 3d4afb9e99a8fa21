package ai.kind.kmb.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.themes.StudioTheme;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void remembersThemeLastProfileAndTraceFilterAcrossInstances() {
        new SettingsStore(config).save(new StudioSettings(StudioTheme.NORD_DARK, "staging", false));

        assertThat(new SettingsStore(config).load()).isEqualTo(new StudioSettings(StudioTheme.NORD_DARK, "staging", false));
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
