package ai.kind.kmb.ui.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class RegistryViewTest {
    private final InMemoryBus bus = new InMemoryBus();
    private RegistryModel model;

    @BeforeEach
    void show() throws Exception {
        bus.registryFake().describe("orders.created", Json.object().put("type", "object"))
                .describe("orders.paid", Json.object().put("type", "string"));
        model = new RegistryModel(CurrentConnection.of(bus), UiExecutors.direct());
        FxTestExtension.show(() -> new RegistryView(model));
        FxTestExtension.runFx(model::refresh);
    }

    @Test
    void pickingATopicShowsItsSchemaAndCheckingShowsTheVerdict(FxRobot robot) {
        robot.clickOn(robot.lookup("#registry-topics .list-cell").nth(1).queryAs(javafx.scene.Node.class));

        assertThat(robot.lookup("#registry-topic").queryLabeled().getText()).isEqualTo("orders.paid");
        assertThat(robot.lookup("#registry-schema").queryAs(TextArea.class).getText()).contains("\"string\"");

        bus.registryFake().incompatibilities(new Incompatibility("v1", "/type", "TYPE_CHANGED", "string became object"));
        robot.clickOn("#registry-check");

        assertThat(robot.lookup("#registry-verdict").queryLabeled().getText())
                .isEqualTo("v2 is not BACKWARD compatible: 1 incompatibility");
        assertThat(robot.lookup("#registry-incompatibilities").queryAs(ListView.class).getItems()).hasSize(1);
    }
}
