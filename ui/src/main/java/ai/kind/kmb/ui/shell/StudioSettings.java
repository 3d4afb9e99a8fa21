package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;

/** What the Studio remembers between runs. {@code lastProfile} is null until a profile was used. */
public record StudioSettings(StudioTheme theme, String lastProfile) {
    public static final StudioSettings DEFAULTS = new StudioSettings(StudioTheme.defaultTheme(), null);

    public StudioSettings withTheme(StudioTheme newTheme) {
        return new StudioSettings(newTheme, lastProfile);
    }

    public StudioSettings withLastProfile(String profile) {
        return new StudioSettings(theme, profile);
    }
}
