package ai.kind.kmb.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class ConnectViewTest {
    @TempDir
    Path config;

    private final FakeConnector connector = new FakeConnector();
    private ConnectModel model;

    @BeforeEach
    void show() throws Exception {
        ConnectionManager manager = new ConnectionManager(connector,
                new LiveFeed(FeedLimits.defaults(), Clock.systemUTC()), UiExecutors.direct());
        model = new ConnectModel(new ProfileStore(config), manager, name -> { });
        FxTestExtension.show(() -> new ConnectView(model, new EmbeddedSettingsModel(EmbeddedBrokerSettings.DEFAULTS,
                settings -> { }, EmbeddedRun.asSaved(EmbeddedBrokerSettings.DEFAULTS))));
    }

    @Test
    void connectingToTheEmbeddedBrokerShowsItAsInUse(FxRobot robot) {
        robot.clickOn("#connect");

        assertThat(connector.opened).hasSize(1);
        assertThat(robot.lookup("#current-connection").queryLabeled().getText()).isEqualTo("In use: bus 1");
    }

    @Test
    void aNewRemoteProfileIsSavedAndSaysWhyItCannotConnect(FxRobot robot) {
        robot.clickOn("#new-remote");
        replaceText(robot, "#profile-name", "staging");
        replaceText(robot, "#profile-url", "https://kmb.example:7420");
        robot.clickOn("#save-profile");

        assertThat(model.profiles()).extracting(ConnectionProfile::name).contains("staging");
        assertThat(robot.lookup("#availability-banner").queryLabeled().getText())
                .isEqualTo(FakeConnector.NO_REMOTE);
        assertThat(robot.lookup("#availability-banner").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#connect").queryButton().isDisabled()).isTrue();
    }

    @Test
    void saysWhereLocalAgentsReachTheEmbeddedBroker(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#local-access").query().isVisible()).isFalse();

        FxTestExtension.runFx(() -> model.localUrl("http://127.0.0.1:7420"));

        assertThat(robot.lookup("#local-access").queryLabeled().getText())
                .contains("KMB_URL=http://127.0.0.1:7420 kmbctl publish");
        assertThat(robot.lookup("#local-access").query().isVisible()).isTrue();
    }

    @Test
    void theEmbeddedProfileShowsItsBrokerSettingsInsteadOfAProfileForm(FxRobot robot) {
        assertThat(robot.lookup("#profile-form").query().isVisible()).isFalse();
        assertThat(robot.lookup("#delete-profile").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#embedded-settings").query().isVisible()).isTrue();

        robot.clickOn("#new-remote");

        assertThat(robot.lookup("#embedded-settings").query().isVisible()).isFalse();
    }

    private static void replaceText(FxRobot robot, String field, String text) {
        robot.clickOn(field).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write(text);
    }
}
