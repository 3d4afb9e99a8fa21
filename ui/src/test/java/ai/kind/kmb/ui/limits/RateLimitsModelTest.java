package ai.kind.kmb.ui.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class RateLimitsModelTest {
    private static final RateLimitStats CLIENT = new RateLimitStats("client", "#", 100, 200, "reject", 1_204, 0, 45);
    private static final RateLimitStats AGENTS = new RateLimitStats("topic", "agent.#", 10, 20, "throttle", 90, 12,
            3);

    @Test
    void refreshReadsTheLimitsAndSumsThemUp() {
        InMemoryBus bus = new InMemoryBus();
        bus.limits(List.of(CLIENT, AGENTS));
        RateLimitsModel model = new RateLimitsModel(CurrentConnection.of(bus), UiExecutors.direct());

        model.refresh();

        assertThat(model.limits()).containsExactly(CLIENT, AGENTS);
        assertThat(model.summaryProperty().get()).isEqualTo("2 limits: 1,294 allowed, 12 throttled, 48 rejected");
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void aBusWithoutLimitsSaysSo() {
        RateLimitsModel model = new RateLimitsModel(CurrentConnection.of(new InMemoryBus()), UiExecutors.direct());

        model.refresh();

        assertThat(model.limits()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No rate limits configured");
    }

    @Test
    void withoutAConnectionTheErrorIsShownAndNothingElseChanges() {
        RateLimitsModel model = new RateLimitsModel(new CurrentConnection(new SimpleObjectProperty<BusConnection>()),
                UiExecutors.direct());

        model.refresh();

        assertThat(model.errorProperty().get()).startsWith("Reading the rate limits");
        assertThat(model.limits()).isEmpty();
    }
}
