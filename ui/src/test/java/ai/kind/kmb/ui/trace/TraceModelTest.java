package ai.kind.kmb.ui.trace;

import static ai.kind.kmb.ui.testing.Envelopes.event;
import static ai.kind.kmb.ui.testing.Envelopes.reply;
import static ai.kind.kmb.ui.testing.Envelopes.request;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.ui.feed.Arrival;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceModelTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final InMemoryBus bus = new InMemoryBus();
    private final TraceModel model = new TraceModel(CurrentConnection.of(bus), UiExecutors.direct());

    @Test
    void showsAStoredTraceAndInspectsARoundTripWithItsReplies() {
        bus.store(T0, event("agent.planner.intent", "trace-a", "planner", T0));
        bus.store(T0, request(MessageType.QUERY, "stock.level", "trace-a", "q1", "_inbox.x", "planner", T0.plusMillis(5)));
        bus.store(T0, reply("_inbox.x", "trace-a", "q1", "data", "stock", T0.plusMillis(25)));
        bus.store(T0, event("other.thing", "trace-b", "x", T0));

        model.traceIdProperty().set(" trace-a ");
        model.search();

        TraceTimeline shown = model.timelineProperty().get();
        assertThat(shown.traceId()).isEqualTo("trace-a");
        assertThat(shown.messages()).isEqualTo(3);
        assertThat(model.summaryProperty().get()).isEqualTo("3 messages · 2 agents · 1 round trips · 25 ms");
        assertThat(model.errorProperty().get()).isEmpty();

        TraceBar trip = shown.bars().stream().filter(b -> b.kind() == TraceBar.Kind.ROUND_TRIP).findFirst().orElseThrow();
        model.select(trip);
        assertThat(model.detailProperty().get()).contains("\"topic\" : \"stock.level\"")
                .contains("// reply 1 (data), 20 ms after the request").contains("\"status\" : \"data\"");
    }

    @Test
    void liveArrivalsListRecentTracesAndCompleteTheTraceShown() {
        Envelope ask = request(MessageType.COMMAND, "orders.place", "live-1", "c1", "_inbox.p", "planner", T0);
        model.arrivals(List.of(arrival(1, ask), arrival(2, event("no.trace", null, "x", T0))));

        assertThat(model.recent()).extracting(TraceSummary::traceId, TraceSummary::firstTopic, TraceSummary::messages)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("live-1", "orders.place", 1));

        model.show("live-1");
        TraceBar pending = model.timelineProperty().get().bars().getFirst();
        assertThat(pending.outcome()).isEqualTo(TraceBar.Outcome.PENDING);
        model.select(pending);

        model.arrivals(List.of(arrival(3, reply("_inbox.p", "live-1", "c1", "DONE", "orders", T0.plusMillis(40)))));

        TraceBar done = model.timelineProperty().get().bars().getFirst();
        assertThat(done.outcome()).isEqualTo(TraceBar.Outcome.OK);
        assertThat(model.selectedProperty().get()).isEqualTo(done);
        assertThat(model.detailProperty().get()).contains("(DONE)");
    }

    @Test
    void recentTracesComeFromTheTailOfTheHistoryRoundTripsOnlyUnlessToldOtherwise() {
        bus.store(T0, event("a.b", "old", "x", T0));
        bus.store(T0, request(MessageType.QUERY, "stock.level", "asked", "q1", "_inbox.x", "planner", T0.plusMillis(500)));
        bus.store(T0, event("a.b", "new", "x", T0.plusSeconds(1)));

        model.loadRecent();

        assertThat(model.roundTripsOnlyProperty().get()).isTrue();
        assertThat(model.recent()).extracting(TraceSummary::traceId).containsExactly("asked");

        model.roundTripsOnlyProperty().set(false);
        assertThat(model.recent()).extracting(TraceSummary::traceId).containsExactly("new", "asked", "old");
    }

    @Test
    void aFailingHistoryAndAnUnknownTraceAreSaidInTheErrorLine() {
        model.show("nobody");
        assertThat(model.errorProperty().get())
                .isEqualTo("No message with trace id nobody in the history or in the recent live traffic");

        model.show("  ");
        assertThat(model.errorProperty().get()).isEqualTo("Enter a trace id, or pick a recent trace");

        bus.failQueries(new KmbException(ErrorCode.UNAVAILABLE, "the broker is shut down"));
        model.show("t");
        assertThat(model.errorProperty().get())
                .isEqualTo("Reading trace t from the history failed: unavailable: the broker is shut down");
        assertThat(model.busyProperty().get()).isFalse();
    }

    private static Arrival arrival(long sequence, Envelope envelope) {
        return new Arrival(sequence, envelope.timestamp(), -1, envelope);
    }
}
