package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;

/**
 * What the Studio remembers between runs. {@code lastProfile} is null until a profile was used;
 * {@code roundTripsOnly} is the trace list's filter (on: only traces with a command or query).
 */
public record StudioSettings(StudioTheme theme, String lastProfile, boolean roundTripsOnly) {
    public static final StudioSettings DEFAULTS = new StudioSettings(StudioTheme.defaultTheme(), null, true);

    public StudioSettings withTheme(StudioTheme newTheme) {
        return new StudioSettings(newTheme, lastProfile, roundTripsOnly);
    }

    public StudioSettings withLastProfile(String profile) {
        return new StudioSettings(theme, profile, roundTripsOnly);
    }

    public StudioSettings withRoundTripsOnly(boolean only) {
        return new StudioSettings(theme, lastProfile, only);
    }
}
