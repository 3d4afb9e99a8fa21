package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import java.util.Objects;

/**
 * What the Studio remembers between runs. {@code lastProfile} is null until a profile was used;
 * {@code roundTripsOnly} is the trace list's filter (on: only traces with a command or query);
 * {@code embedded} is how the embedded broker starts next time.
 */
public record StudioSettings(StudioTheme theme, String lastProfile, boolean roundTripsOnly,
                             EmbeddedBrokerSettings embedded) {
    public static final StudioSettings DEFAULTS = new StudioSettings(StudioTheme.defaultTheme(), null, true,
            EmbeddedBrokerSettings.DEFAULTS);

    public StudioSettings {
        Objects.requireNonNull(embedded, "embedded");
    }

    public StudioSettings withTheme(StudioTheme newTheme) {
        return new StudioSettings(newTheme, lastProfile, roundTripsOnly, embedded);
    }

    public StudioSettings withLastProfile(String profile) {
        return new StudioSettings(theme, profile, roundTripsOnly, embedded);
    }

    public StudioSettings withRoundTripsOnly(boolean only) {
        return new StudioSettings(theme, lastProfile, only, embedded);
    }

    public StudioSettings withEmbedded(EmbeddedBrokerSettings settings) {
        return new StudioSettings(theme, lastProfile, roundTripsOnly, settings);
    }
}
