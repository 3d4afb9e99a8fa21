package ai.kind.kmb.ui.trace;

import static ai.kind.kmb.ui.testing.Envelopes.event;
import static ai.kind.kmb.ui.testing.Envelopes.reply;
import static ai.kind.kmb.ui.testing.Envelopes.request;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceBuilderTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final List<StoredMessage> messages = new ArrayList<>();

    private void add(Envelope envelope) {
        messages.add(new StoredMessage(messages.size() + 1, envelope.timestamp(), envelope));
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void pairsACommandWithItsAckAndDoneAndMeasuresToTheFinalReply() {
        add(event("agent.planner.intent", "t1", "planner", at(0)));
        add(request(MessageType.COMMAND, "orders.place", "t1", "c1", "_inbox.p1", "planner", at(10)));
        add(reply("_inbox.p1", "t1", "c1", "ACK", "orders", at(12)));
        add(reply("_inbox.p1", "t1", "c1", "DONE", "orders", at(250)));

        TraceTimeline timeline = TraceBuilder.build("t1", messages);

        assertThat(timeline.lanes()).containsExactly("planner", "orders");
        assertThat(timeline.span()).isEqualTo(Duration.ofMillis(250));
        TraceBar trip = timeline.bars().stream().filter(b -> b.kind() == TraceBar.Kind.ROUND_TRIP).findFirst().orElseThrow();
        assertThat(trip.start()).isEqualTo(Duration.ofMillis(10));
        assertThat(trip.duration()).isEqualTo(Duration.ofMillis(240));
        assertThat(trip.outcome()).isEqualTo(TraceBar.Outcome.OK);
        assertThat(trip.replies()).hasSize(2);
        assertThat(trip.label()).isEqualTo("command orders.place · 240 ms");
        List<TraceBar> replies = timeline.bars().stream().filter(b -> b.kind() == TraceBar.Kind.REPLY).toList();
        assertThat(replies).extracting(TraceBar::lane, TraceBar::pairLane, TraceBar::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 0, TraceBar.Outcome.ACKNOWLEDGED),
                org.assertj.core.groups.Tuple.tuple(1, 0, TraceBar.Outcome.OK));
    }

    @Test
    void aRequestMadeInsideAnotherAgentsHandlerIsLinkedToItsParentSpansLane() {
        Envelope command = request(MessageType.COMMAND, "robot.fetch", "t9", "c1", "_inbox.p1", "planner", at(0));
        add(command.withMetadata(command.metadata().withTrace("t9", "span-a", null)));
        Envelope query = request(MessageType.QUERY, "map.route", "t9", "q1", "_inbox.r1", "robot", at(5));
        add(query.withMetadata(query.metadata().withTrace("t9", "span-b", "span-a")));
        add(event("robot.log", "t9", "robot", at(6)));

        TraceTimeline timeline = TraceBuilder.build("t9", messages);

        assertThat(timeline.lanes()).containsExactly("planner", "robot");
        assertThat(timeline.bars()).extracting(bar -> bar.message().envelope().topic(), TraceBar::pairLane)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("robot.fetch", -1),
                        org.assertj.core.groups.Tuple.tuple("map.route", 0),
                        org.assertj.core.groups.Tuple.tuple("robot.log", -1));
    }

    @Test
    void anAgentsOverlappingRoundTripsGetARowEachAndRepliesLinkToTheirOwnRequest() {
        add(event("kmb.agent.intent.create", "t7", "planner", at(0)));
        add(request(MessageType.COMMAND, "kmb.agent.command.write", "t7", "c1", "_inbox.planner", "planner", at(1)));
        add(request(MessageType.QUERY, "kmb.agent.query.memory", "t7", "q1", "_inbox.planner", "planner", at(2)));
        add(reply("_inbox.planner", "t7", "q1", "data", "memory", at(30)));
        add(reply("_inbox.planner", "t7", "c1", "DONE", "worker-2", at(600)));

        TraceTimeline timeline = TraceBuilder.build("t7", messages);

        assertThat(timeline.lanes()).containsExactly("planner", "memory", "worker-2");
        assertThat(timeline.laneRows()).containsExactly(2, 1, 1);
        assertThat(timeline.rows()).isEqualTo(4);
        assertThat(timeline.bars()).extracting(TraceBar::kind, TraceBar::row, TraceBar::pairRow).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TraceBar.Kind.EVENT, 0, -1),
                org.assertj.core.groups.Tuple.tuple(TraceBar.Kind.ROUND_TRIP, 0, -1),
                org.assertj.core.groups.Tuple.tuple(TraceBar.Kind.ROUND_TRIP, 1, -1),
                org.assertj.core.groups.Tuple.tuple(TraceBar.Kind.REPLY, 2, 1),
                org.assertj.core.groups.Tuple.tuple(TraceBar.Kind.REPLY, 3, 0));
    }

    @Test
    void aCommandWithOnlyAnAckIsPendingAndOneWithoutRepliesSaysSo() {
        add(request(MessageType.COMMAND, "orders.place", "t2", "c1", "_inbox.p1", "planner", at(0)));
        add(reply("_inbox.p1", "t2", "c1", "ACK", "orders", at(5)));
        add(request(MessageType.QUERY, "stock.level", "t2", "q1", "_inbox.p1", "planner", at(6)));

        TraceTimeline timeline = TraceBuilder.build("t2", messages);

        List<TraceBar> trips = timeline.bars().stream().filter(b -> b.kind() == TraceBar.Kind.ROUND_TRIP).toList();
        assertThat(trips).extracting(TraceBar::outcome).containsExactly(TraceBar.Outcome.PENDING, TraceBar.Outcome.PENDING);
        assertThat(trips.get(0).label()).endsWith("· pending");
        assertThat(trips.get(1).label()).isEqualTo("query stock.level · no reply");
    }

    @Test
    void queryErrorsAndNotFoundAreTheirOutcomes() {
        add(request(MessageType.QUERY, "stock.level", "t3", "q1", "_inbox.a", "planner", at(0)));
        add(reply("_inbox.a", "t3", "q1", "not_found", "stock", at(3)));
        add(request(MessageType.COMMAND, "orders.cancel", "t3", "c2", "_inbox.a", "planner", at(4)));
        add(reply("_inbox.a", "t3", "c2", "ERROR", "orders", at(9)));

        List<TraceBar> trips = TraceBuilder.build("t3", messages).bars().stream()
                .filter(b -> b.kind() == TraceBar.Kind.ROUND_TRIP).toList();

        assertThat(trips).extracting(TraceBar::outcome).containsExactly(TraceBar.Outcome.NOT_FOUND, TraceBar.Outcome.ERROR);
    }

    @Test
    void aReplyWithoutCorrelationPairsByReplyToAndWithoutIdentityGoesOnTheServedTopicsLane() {
        add(request(MessageType.QUERY, "stock.level", "t4", null, "_inbox.only", "planner", at(0)));
        add(reply("_inbox.only", "t4", null, "data", null, at(7)));

        TraceTimeline timeline = TraceBuilder.build("t4", messages);

        assertThat(timeline.lanes()).containsExactly("planner", "stock.*");
        TraceBar trip = timeline.bars().getFirst();
        assertThat(trip.outcome()).isEqualTo(TraceBar.Outcome.OK);
        assertThat(trip.duration()).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void brokerVerifiedClientIdWinsOverHeadersAndDuplicatesCountOnce() {
        Envelope signed = event("a.b", "t5", "claims-to-be-x", at(0))
                .withMetadata(event("a.b", "t5", "claims-to-be-x", at(0)).metadata()
                        .withAuth(new Metadata.Auth("kOS", "verified-agent")));
        add(signed);
        add(signed);
        add(event("a.c", "t5", null, at(1)));

        TraceTimeline timeline = TraceBuilder.build("t5", messages);

        assertThat(timeline.messages()).isEqualTo(2);
        assertThat(timeline.lanes()).containsExactly("verified-agent", "a.*");
        assertThat(timeline.bars()).extracting(TraceBar::kind).containsOnly(TraceBar.Kind.EVENT);
    }

    @Test
    void anEventThatSharesACorrelationIdIsNotAReply() {
        add(request(MessageType.COMMAND, "orders.place", "t6", "c1", "_inbox.p", "planner", at(0)));
        add(event("orders.placed", "t6", "orders", at(1)).withMetadata(
                event("orders.placed", "t6", "orders", at(1)).metadata().withCorrelation("c1", null)));

        TraceTimeline timeline = TraceBuilder.build("t6", messages);

        assertThat(timeline.bars()).extracting(TraceBar::kind)
                .containsExactly(TraceBar.Kind.ROUND_TRIP, TraceBar.Kind.EVENT);
    }

    @Test
    void anEmptyTraceHasNoLanes() {
        TraceTimeline timeline = TraceBuilder.build("none", List.of());
        assertThat(timeline.messages()).isZero();
        assertThat(timeline.lanes()).isEmpty();
    }

    @Test
    void durationsAndTickStepsReadWell() {
        assertThat(Durations.format(Duration.ofNanos(850_000))).isEqualTo("850 µs");
        assertThat(Durations.format(Duration.ofMillis(3))).isEqualTo("3.0 ms");
        assertThat(Durations.format(Duration.ofMillis(1400))).isEqualTo("1.4 s");
        assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(TraceWaterfall.niceStep(37)).isEqualTo(50);
        assertThat(TraceWaterfall.niceStep(0.9)).isEqualTo(1);
        assertThat(TraceWaterfall.niceStep(120)).isEqualTo(200);
    }
}
