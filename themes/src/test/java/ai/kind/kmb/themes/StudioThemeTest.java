package ai.kind.kmb.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import org.junit.jupiter.api.Test;

class StudioThemeTest {

    @Test
    void everyThemeHasALightOrDarkCounterpartOfTheOtherKind() {
        for (StudioTheme theme : StudioTheme.values()) {
            assertThat(theme.counterpart().isDark()).as(theme.title()).isNotEqualTo(theme.isDark());
            assertThat(theme.counterpart().counterpart()).isEqualTo(theme);
        }
    }

    @Test
    void idsRoundTripAndUnknownIdsFallBackToTheDefault() {
        for (StudioTheme theme : StudioTheme.values()) {
            assertThat(StudioTheme.fromId(theme.id())).isEqualTo(theme);
        }
        assertThat(StudioTheme.fromId("solarized")).isEqualTo(StudioTheme.defaultTheme());
    }

    @Test
    void stylesheetsResolveAndUseOnlyThemeVariablesForColour() throws Exception {
        StudioTheme theme = StudioTheme.PRIMER_DARK;
        assertThat(theme.userAgentStylesheet()).endsWith("primer-dark.css");
        for (String sheet : theme.studioStylesheets()) {
            try (InputStream in = URI.create(sheet).toURL().openStream()) {
                String css = new String(in.readAllBytes());
                // A literal colour would look right in one theme and wrong in the other.
                assertThat(css).as(sheet).doesNotContainPattern("#[0-9a-fA-F]{3,6}\\b").doesNotContain("rgb(");
            }
        }
    }
}
