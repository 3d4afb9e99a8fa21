package ai.kind.kmb.themes;

import atlantafx.base.theme.NordDark;
import atlantafx.base.theme.NordLight;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * The looks KMB Studio offers: an AtlantaFX user-agent stylesheet plus the Studio's own sheets on
 * top. The Studio's sheets use only AtlantaFX's colour variables ({@code -color-fg-default},
 * {@code -color-accent-fg}...), so one set of sheets serves every theme, light or dark.
 */
public enum StudioTheme {
    PRIMER_LIGHT("Primer Light", new PrimerLight(), "primer-dark"),
    PRIMER_DARK("Primer Dark", new PrimerDark(), "primer-light"),
    NORD_LIGHT("Nord Light", new NordLight(), "nord-dark"),
    NORD_DARK("Nord Dark", new NordDark(), "nord-light");

    /** The Studio's sheets, in the order they are added to a scene. */
    private static final List<String> STUDIO_SHEETS = List.of("studio.css", "json.css", "controlsfx.css");

    private final String title;
    private final Theme base;
    private final String counterpartId;

    StudioTheme(String title, Theme base, String counterpartId) {
        this.title = title;
        this.base = base;
        this.counterpartId = counterpartId;
    }

    public static StudioTheme defaultTheme() {
        return PRIMER_LIGHT;
    }

    /** The id kept in settings: stable across renames of the enum constant. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    public static StudioTheme fromId(String id) {
        for (StudioTheme theme : values()) {
            if (theme.id().equals(id)) {
                return theme;
            }
        }
        return defaultTheme();
    }

    public String title() {
        return title;
    }

    public boolean isDark() {
        return base.isDarkMode();
    }

    /** The same family in the other brightness: what "toggle light/dark" switches to. */
    public StudioTheme counterpart() {
        return fromId(counterpartId);
    }

    /** For {@code Application.setUserAgentStylesheet}: AtlantaFX replaces Modena wholesale. */
    public String userAgentStylesheet() {
        return base.getUserAgentStylesheet();
    }

    /** The Studio's own sheets as URLs for {@code Scene.getStylesheets()}. */
    public List<String> studioStylesheets() {
        return STUDIO_SHEETS.stream().map(StudioTheme::resource).toList();
    }

    private static String resource(String name) {
        URL url = Objects.requireNonNull(StudioTheme.class.getResource(name), () -> "missing stylesheet " + name);
        return url.toExternalForm();
    }
}
