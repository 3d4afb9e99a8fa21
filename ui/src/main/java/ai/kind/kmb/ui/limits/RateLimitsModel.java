package ai.kind.kmb.ui.limits;

import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The broker's rate limits and what each decided since it started: read from the connected bus
 * in the background, applied on the UI executor.
 */
public final class RateLimitsModel {
    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final ObservableList<RateLimitStats> limits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public RateLimitsModel(CurrentConnection connection, UiExecutors executors) {
        this.connection = connection;
        this.executors = executors;
    }

    // ---- properties

    public ObservableList<RateLimitStats> limits() {
        return limits;
    }

    /** One line over all limits, such as "2 limits: 1,204 allowed, 12 throttled, 45 rejected". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- commands

    public void refresh() {
        Tasks.onBus(executors, connection, bus -> bus.limits(), read -> {
            error.set("");
            limits.setAll(read);
            summary.set(summarize(read));
        }, failure -> error.set(Tasks.failure("Reading the rate limits", failure)));
    }

    static String summarize(List<RateLimitStats> read) {
        if (read.isEmpty()) {
            return "No rate limits configured";
        }
        long allowed = read.stream().mapToLong(RateLimitStats::allowed).sum();
        long throttled = read.stream().mapToLong(RateLimitStats::throttled).sum();
        long rejected = read.stream().mapToLong(RateLimitStats::rejected).sum();
        return String.format(Locale.ROOT, "%d limit%s: %,d allowed, %,d throttled, %,d rejected", read.size(),
                read.size() == 1 ? "" : "s", allowed, throttled, rejected);
    }
}
