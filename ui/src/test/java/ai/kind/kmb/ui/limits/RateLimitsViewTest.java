package ai.kind.kmb.ui.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.util.List;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class RateLimitsViewTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final RateLimitsModel model = new RateLimitsModel(CurrentConnection.of(bus), UiExecutors.direct());

    @Test
    void showsEachLimitWithItsCountsAndRefreshReadsThemAgain(FxRobot robot) throws Exception {
        bus.limits(List.of(new RateLimitStats("client", "#", 100, 200, "reject", 1_204, 0, 45)));
        FxTestExtension.show(() -> new RateLimitsView(model));
        FxTestExtension.runFx(model::refresh);

        TableView<?> table = robot.lookup("#limits-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        assertThat(robot.lookup("#limits-summary").queryLabeled().getText())
                .isEqualTo("1 limit: 1,204 allowed, 0 throttled, 45 rejected");
        assertThat(robot.lookup("1,204").tryQuery()).isPresent();

        bus.limits(List.of(new RateLimitStats("client", "#", 100, 200, "reject", 1_300, 0, 50),
                new RateLimitStats("topic", "agent.#", 10, 20, "throttle", 90, 12, 3)));
        robot.clickOn("#limits-refresh");

        assertThat(table.getItems()).hasSize(2);
        assertThat(robot.lookup("topic agent.#").tryQuery()).isPresent();
        assertThat(robot.lookup("throttle").tryQuery()).isPresent();
    }

    @Test
    void withoutLimitsThePlaceholderSaysWhereTheyComeFrom(FxRobot robot) throws Exception {
        FxTestExtension.show(() -> new RateLimitsView(model));
        FxTestExtension.runFx(model::refresh);

        assertThat(robot.lookup("#limits-summary").queryLabeled().getText()).isEqualTo("No rate limits configured");
        assertThat(robot.lookup(".table-view .placeholder .label").queryLabeled().getText())
                .contains("kmb.rate_limits");
    }
}
