package ai.kind.kmb.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.support.UiExecutors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectModelTest {
    @TempDir
    Path config;

    private final FakeConnector connector = new FakeConnector();
    private final List<String> remembered = new ArrayList<>();
    private ConnectModel model;

    @BeforeEach
    void create() {
        ConnectionManager manager = new ConnectionManager(connector,
                new LiveFeed(FeedLimits.defaults(), Clock.systemUTC()), UiExecutors.direct());
        model = new ConnectModel(new ProfileStore(config), manager, remembered::add);
    }

    @Test
    void startsOnTheEmbeddedProfileWhichConnectsAndIsRemembered() {
        assertThat(model.selectedProperty().get()).isEqualTo(ConnectionProfile.EMBEDDED_PROFILE);
        assertThat(model.editableBinding().get()).isFalse();
        assertThat(model.canConnectBinding().get()).isTrue();

        model.connect().join();

        assertThat(connector.opened).hasSize(1);
        assertThat(remembered).containsExactly(ConnectionProfile.EMBEDDED_NAME);
        assertThat(model.messageProperty().get()).isEqualTo("Connected to Embedded broker");
    }

    @Test
    void aNewRemoteProfileIsSavedAndSaysWhyItCannotConnectYet() {
        model.newRemote();
        model.nameProperty().set("staging");
        model.urlProperty().set("https://kmb.example:7420");
        model.tokenProperty().set("eyJ.token");

        assertThat(model.save()).isTrue();

        assertThat(new ProfileStore(config).load()).extracting(ConnectionProfile::name)
                .containsExactly(ConnectionProfile.EMBEDDED_NAME, "staging");
        assertThat(model.selectedProperty().get().token()).isEqualTo("eyJ.token");
        assertThat(model.availabilityProperty().get()).isEqualTo(FakeConnector.NO_REMOTE);
        assertThat(model.canConnectBinding().get()).isFalse();
    }

    @Test
    void refusesAFormWithoutNameWithABadUrlOrADuplicateName() {
        model.newRemote();
        model.nameProperty().set(" ");
        assertThat(model.save()).isFalse();
        assertThat(model.formErrorProperty().get()).contains("needs a name");

        model.nameProperty().set("staging");
        model.urlProperty().set("ftp://kmb.example");
        assertThat(model.save()).isFalse();
        assertThat(model.formErrorProperty().get()).contains("http, https, ws or wss");

        model.nameProperty().set(ConnectionProfile.EMBEDDED_NAME);
        model.urlProperty().set("http://kmb.example:7420");
        assertThat(model.save()).isFalse();
        assertThat(model.formErrorProperty().get()).contains("already a profile");

        model.nameProperty().set("staging");
        model.trustFileProperty().set(config.resolve("missing.pem").toString());
        assertThat(model.save()).isFalse();
        assertThat(model.formErrorProperty().get()).contains("cannot be read");
    }

    @Test
    void editingKeepsThePlaceAndDeletingFallsBackToEmbedded() {
        model.newRemote();
        model.nameProperty().set("a");
        model.save();
        model.urlProperty().set("http://other:7420");
        model.save();

        assertThat(model.profiles()).extracting(ConnectionProfile::url).containsExactly(null, "http://other:7420");

        model.delete();
        assertThat(model.profiles()).containsExactly(ConnectionProfile.EMBEDDED_PROFILE);
        assertThat(model.selectedProperty().get()).isEqualTo(ConnectionProfile.EMBEDDED_PROFILE);
    }
}
