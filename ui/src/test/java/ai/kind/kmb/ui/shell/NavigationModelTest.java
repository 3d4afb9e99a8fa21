package ai.kind.kmb.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NavigationModelTest {
    private final NavigationModel navigation = new NavigationModel();

    @Test
    void firstDestinationAddedIsCurrent() {
        navigation.add(new Destination("live", "Live", "traffic"));
        navigation.add(new Destination("connect", "Connect", "profiles"));

        assertThat(navigation.current().id()).isEqualTo("live");
        assertThat(navigation.destinations()).extracting(Destination::id).containsExactly("live", "connect");
    }

    @Test
    void goesByIdAndByIndex() {
        navigation.add(new Destination("live", "Live", ""));
        navigation.add(new Destination("connect", "Connect", ""));

        navigation.go("connect");
        assertThat(navigation.current().id()).isEqualTo("connect");
        navigation.goToIndex(0);
        assertThat(navigation.current().id()).isEqualTo("live");
        navigation.goToIndex(7);
        assertThat(navigation.current().id()).as("out of range keeps the current view").isEqualTo("live");
    }

    @Test
    void refusesUnknownAndDuplicateIds() {
        navigation.add(new Destination("live", "Live", ""));

        assertThatThrownBy(() -> navigation.go("dlq")).hasMessageContaining("no view with id 'dlq'");
        assertThatThrownBy(() -> navigation.add(new Destination("live", "Again", "")))
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> new Destination("Live Traffic", "x", "")).hasMessageContaining("lower-case");
    }
}
