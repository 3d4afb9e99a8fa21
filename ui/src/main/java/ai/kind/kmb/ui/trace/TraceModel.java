package ai.kind.kmb.ui.trace;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.ui.feed.Arrival;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The trace timeline's state: the recent traces to pick from, the trace shown as a waterfall, the
 * bar picked for inspection. A trace is read from the history ({@code HistoryQuery} by trace id)
 * and completed with what the live feed brought, since ephemeral messages are never stored.
 */
public final class TraceModel {
    /** Stored messages read for one trace; a trace bigger than this is shown in part, and says so. */
    static final int MAX_TRACE_MESSAGES = 5_000;
    /** How far back in the history the recent-traces list looks when it is refreshed. */
    static final int HISTORY_TAIL = 2_000;

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final RecentTraces recentTraces = new RecentTraces(200, 500);

    private final StringProperty traceId = new SimpleStringProperty("");
    private final ObservableList<TraceSummary> recent = FXCollections.observableArrayList();
    private final BooleanProperty roundTripsOnly = new SimpleBooleanProperty(true);
    private final FilteredList<TraceSummary> recentView = new FilteredList<>(recent);
    private final ReadOnlyObjectWrapper<TraceTimeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TraceBar> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private List<StoredMessage> stored = List.of();

    public TraceModel(CurrentConnection connection, UiExecutors executors) {
        this.connection = connection;
        this.executors = executors;
        recentView.predicateProperty().bind(Bindings.createObjectBinding(
                () -> roundTripsOnly.get() ? TraceSummary::roundTrip : summary -> true, roundTripsOnly));
    }

    // ---- properties

    /** What the search box holds. */
    public StringProperty traceIdProperty() {
        return traceId;
    }

    /** The recent traces listed, most recently seen first: all, or only those with a round trip. */
    public ObservableList<TraceSummary> recent() {
        return recentView;
    }

    /**
     * On (the default): list only traces that hold a command or query, so one-message traces such
     * as heartbeats do not crowd out the round trips worth reading.
     */
    public BooleanProperty roundTripsOnlyProperty() {
        return roundTripsOnly;
    }

    public ReadOnlyObjectProperty<TraceTimeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TraceBar> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected message as JSON; for a round trip, followed by its replies. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** One line about the trace shown: messages, agents, round trips, span. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What failed last, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // ---- commands

    /** Takes a batch from the live feed: remembers traced messages, and redraws the trace shown if it grew. */
    public void arrivals(List<Arrival> batch) {
        List<StoredMessage> messages = new ArrayList<>(batch.size());
        boolean shownGrew = false;
        String shown = timeline.get() == null ? null : timeline.get().traceId();
        for (Arrival arrival : batch) {
            messages.add(new StoredMessage(arrival.offset(), arrival.receivedAt(), arrival.envelope()));
            shownGrew |= shown != null && shown.equals(arrival.envelope().metadata().traceId());
        }
        recentTraces.add(messages);
        recent.setAll(recentTraces.summaries());
        if (shownGrew) {
            rebuild(shown);
        }
    }

    /** Reads the tail of the history for traces to list. */
    public void loadRecent() {
        loadRecent(false);
    }

    /** Lists the recent traces and, when no trace is shown yet, shows the newest with a round trip. */
    public void openLatest() {
        loadRecent(timeline.get() == null);
    }

    private void loadRecent(boolean showNewest) {
        busy.set(true);
        Tasks.onBus(executors, connection, bus -> {
            long last = bus.lastOffset();
            return bus.query(new HistoryQuery(null, null, null, null, Math.max(0, last - HISTORY_TAIL),
                    HISTORY_TAIL));
        }, messages -> {
            busy.set(false);
            error.set("");
            recentTraces.add(messages);
            recent.setAll(recentTraces.summaries());
            if (showNewest && timeline.get() == null) {
                recentTraces.newestWithRoundTrip().ifPresent(this::show);
            }
        }, failure -> {
            busy.set(false);
            error.set(Tasks.failure("Reading recent traces from the history", failure));
        });
    }

    /** Shows the trace whose id is in the search box. */
    public void search() {
        show(traceId.get());
    }

    /** Reads the trace from the history, adds what the live feed holds of it, and lays it out. */
    public void show(String id) {
        String wanted = id == null ? "" : id.strip();
        if (wanted.isEmpty()) {
            error.set("Enter a trace id, or pick a recent trace");
            return;
        }
        traceId.set(wanted);
        busy.set(true);
        Tasks.onBus(executors, connection, bus -> readTrace(bus, wanted), messages -> {
            busy.set(false);
            error.set("");
            stored = messages;
            selected.set(null);
            detail.set("");
            rebuild(wanted);
        }, failure -> {
            busy.set(false);
            error.set(Tasks.failure("Reading trace " + wanted + " from the history", failure));
        });
    }

    public void select(TraceBar bar) {
        selected.set(bar);
        detail.set(bar == null ? "" : describe(bar));
    }

    private static List<StoredMessage> readTrace(BusConnection bus, String id) {
        List<StoredMessage> all = new ArrayList<>();
        long after = 0;
        while (all.size() < MAX_TRACE_MESSAGES) {
            int limit = Math.min(1_000, MAX_TRACE_MESSAGES - all.size());
            List<StoredMessage> page = bus.query(new HistoryQuery(null, null, null, id, after, limit));
            all.addAll(page);
            if (page.size() < limit) {
                break;
            }
            after = page.getLast().offset();
        }
        return all;
    }

    private void rebuild(String id) {
        List<StoredMessage> messages = new ArrayList<>(stored);
        messages.addAll(recentTraces.messages(id));
        TraceTimeline laidOut = TraceBuilder.build(id, messages);
        timeline.set(laidOut);
        if (laidOut.messages() == 0) {
            summary.set("");
            error.set("No message with trace id " + id + " in the history or in the recent live traffic");
            return;
        }
        summary.set(laidOut.messages() + " messages · " + laidOut.lanes().size() + " agents · "
                + laidOut.roundTrips() + " round trips · " + Durations.format(laidOut.span())
                + (stored.size() >= MAX_TRACE_MESSAGES ? " · first " + MAX_TRACE_MESSAGES + " stored messages only" : ""));
        TraceBar current = selected.get();
        if (current != null) {
            // Keep the same message selected across a live redraw, now with its newer replies.
            laidOut.bars().stream().filter(b -> b.message().equals(current.message())).findFirst().ifPresent(this::select);
        }
    }

    private static String describe(TraceBar bar) {
        StringBuilder text = new StringBuilder(json(bar.message()));
        Duration requestAt = bar.start();
        for (int i = 0; i < bar.replies().size(); i++) {
            StoredMessage reply = bar.replies().get(i);
            Duration after = Duration.between(TraceBuilder.time(bar.message()), TraceBuilder.time(reply));
            String status = reply.envelope().metadata().status();
            text.append("\n\n// reply ").append(i + 1).append(status == null ? "" : " (" + status + ")")
                    .append(", ").append(Durations.format(after)).append(" after the request at +")
                    .append(Durations.format(requestAt)).append('\n').append(json(reply));
        }
        return text.toString();
    }

    private static String json(StoredMessage message) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(EnvelopeCodec.toJson(message.envelope()));
        } catch (JsonProcessingException e) {
            return "cannot show message " + message.envelope().id() + " as JSON: " + e.getMessage();
        }
    }
}
