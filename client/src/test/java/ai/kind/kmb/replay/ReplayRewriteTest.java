package ai.kind.kmb.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayRewriteTest {
    private final FakeReplayClock clock = new FakeReplayClock();
    private final CapturingBus bus = new CapturingBus(clock);
    private final ReplayOptions fast = ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.AS_FAST_AS_POSSIBLE);

    @Test
    void replayedMessagesGetNewIdsAndPointBackToTheOriginal() throws Exception {
        Metadata metadata = Metadata.EMPTY.withTrace("trace-1", "span-1", null).withCorrelation("c-1", "_inbox.x")
                .withHeaders(Map.of("tenant", "acme"));
        Envelope original = new Envelope("orig-1", Sources.T0, "agent.intent", MessageType.COMMAND,
                Json.object().put("do", "it"), metadata, Map.of("future", TextNode.valueOf("kept")));
        ListHistory log = new ListHistory().add(Sources.T0, original);

        ReplaySession session = new ReplayEngine(bus, clock).start(new ReplaySource.StoredRange(log, null, null), fast);
        Sources.finished(session);

        Envelope replayed = bus.messages().getFirst();
        assertThat(replayed.id()).isNotNull().isNotEqualTo("orig-1");
        assertThat(replayed.metadata().headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tenant", "acme",
                ReplayHeaders.REPLAY_OF, "orig-1",
                ReplayHeaders.REPLAY_ID, session.id(),
                ReplayHeaders.ORIGINAL_TIMESTAMP, "2025-06-20T15:42:00Z"));
        assertThat(replayed.metadata().withHeaders(Map.of())).isEqualTo(metadata.withHeaders(Map.of()));
        assertThat(replayed.payload()).isEqualTo(original.payload());
        assertThat(replayed.type()).isEqualTo(MessageType.COMMAND);
        assertThat(replayed.extra()).isEqualTo(original.extra());
        assertThat(replayed.topic()).isEqualTo("agent.intent");
        assertThat(replayed.timestamp()).as("stamped afresh by the bus").isNull();
    }

    @Test
    void aReplayRunForAClientNamesThatClientAsPublisherAndOneRunInProcessKeepsTheOriginals() throws Exception {
        Metadata.Auth planner = new Metadata.Auth("idp", "planner");
        Metadata.Auth qa = new Metadata.Auth("idp", "qa-1");
        ListHistory log = new ListHistory().add(Sources.T0, new Envelope("orig-1", Sources.T0, "agent.intent",
                MessageType.EVENT, TextNode.valueOf("x"), Metadata.EMPTY.withAuth(planner), Map.of()));
        ReplayEngine engine = new ReplayEngine(bus, clock);

        ReplaySession forQa = engine.create(new ReplaySource.StoredRange(log, null, null), fast, "qa-1", qa);
        forQa.start();
        Sources.finished(forQa);
        Sources.finished(engine.start(new ReplaySource.StoredRange(log, null, null), fast));

        assertThat(bus.messages()).extracting(message -> message.metadata().auth()).containsExactly(qa, planner);
    }

    @Test
    void everyReplayedMessageHasItsOwnId() throws Exception {
        ListHistory log = new ListHistory();
        for (int i = 0; i < 50; i++) {
            log.add(Sources.T0, Sources.message("same-" + i, "a.b"));
        }
        Sources.finished(new ReplayEngine(bus, clock).start(new ReplaySource.StoredRange(log, null, null), fast));

        assertThat(bus.messages()).extracting(Envelope::id).doesNotHaveDuplicates().hasSize(50);
    }

    @Test
    void aPrefixTargetPutsEachTopicUnderThePrefix() throws Exception {
        ListHistory log = new ListHistory().add(Sources.T0, Sources.message("m1", "a.b"))
                .add(Sources.T0, Sources.message("m2", "c"));

        Sources.finished(new ReplayEngine(bus, clock).start(new ReplaySource.StoredRange(log, null, null),
                fast.withTarget(ReplayTarget.prefix("replay"))));

        assertThat(bus.messages()).extracting(Envelope::topic).containsExactly("replay.a.b", "replay.c");
    }

    @Test
    void aTopicThatBreaksTheRulesUnderThePrefixIsSkippedWithTheReason() throws Exception {
        String sixteen = String.join(".", Collections.nCopies(16, "s"));
        ListHistory log = new ListHistory().add(Sources.T0, Sources.message("long", sixteen))
                .add(Sources.T0, Sources.message("ok", "a.b"));

        ReplaySession session = new ReplayEngine(bus, clock).start(new ReplaySource.StoredRange(log, null, null),
                fast.withTarget(ReplayTarget.prefix("replay")));
        ReplayProgress done = Sources.finished(session);

        assertThat(done.published()).isEqualTo(1);
        assertThat(done.skipped()).isEqualTo(1);
        assertThat(bus.messages()).extracting(Envelope::topic).containsExactly("replay.a.b");
        assertThat(session.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(ReplayIssue.Kind.SKIPPED);
            assertThat(issue.messageId()).isEqualTo("long");
            assertThat(issue.topic()).isEqualTo(sixteen);
            assertThat(issue.reason()).contains("17 segments");
        });
    }

    @Test
    void targetsAndSpeedsParseFromTheirWireForms() {
        assertThat(ReplayTarget.parse("original")).isEqualTo(ReplayTarget.ORIGINAL);
        assertThat(ReplayTarget.parse(null)).isEqualTo(ReplayTarget.ORIGINAL);
        assertThat(ReplayTarget.parse("replay.run1")).isEqualTo(ReplayTarget.prefix("replay.run1"));
        assertThat(ReplayTarget.prefix("replay").wireForm()).isEqualTo("replay");
        assertThatThrownBy(() -> ReplayTarget.parse("replay.#")).isInstanceOf(InvalidTopicException.class);

        assertThat(ReplaySpeed.parse("max")).isEqualTo(ReplaySpeed.AS_FAST_AS_POSSIBLE);
        assertThat(ReplaySpeed.parse("2.5x")).isEqualTo(ReplaySpeed.times(2.5));
        assertThat(ReplaySpeed.parse("0.1")).isEqualTo(ReplaySpeed.times(0.1));
        assertThat(ReplaySpeed.times(2).wireForm()).isEqualTo("2");
        assertThat(ReplaySpeed.times(0.5).wireForm()).isEqualTo("0.5");
        assertThatThrownBy(() -> ReplaySpeed.parse("0.05")).isInstanceOf(KmbException.class)
                .hasMessageContaining("at least 0.1");
        assertThatThrownBy(() -> ReplaySpeed.parse("fast")).isInstanceOf(KmbException.class)
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> ReplaySpeed.times(Double.NaN)).isInstanceOf(KmbException.class);
    }
}
