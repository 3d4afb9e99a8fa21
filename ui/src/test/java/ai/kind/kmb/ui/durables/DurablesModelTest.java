package ai.kind.kmb.ui.durables;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.Envelopes;
import ai.kind.kmb.ui.testing.HeldExecutorService;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class DurablesModelTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryBus bus = new InMemoryBus(CLOCK);
    private final DurablesModel model = new DurablesModel(CurrentConnection.of(bus), UiExecutors.direct(), CLOCK);

    static final DurableSettings SETTINGS = new DurableSettings(Duration.ofSeconds(30), 5,
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)), 1000);

    /** Read at 10:00:00: attached at 09:56:40, last delivery 4 s before, last ack 95 s before. */
    static DurableInfo billing(long position, long unsettled) {
        Instant now = CLOCK.instant();
        DurableSubscriber agent = new DurableSubscriber("billing-agent", "conn-7", "127.0.0.1:53422", AckMode.MANUAL,
                2, now.minusSeconds(200));
        NodeActivity here = new NodeActivity(null, List.of(agent), 2, 1, SETTINGS, now.minusSeconds(4),
                now.minusSeconds(95));
        return new DurableInfo("billing", "invoices.#", null,
                new DurableProgress.OneNode(position, position - unsettled, unsettled), 9, here,
                List.of(new NodeReport(here, now)));
    }

    @Test
    void beforeTheFirstReadTheTableSaysItIsReadingAndAnEmptyBusExplainsDurables() {
        assertThat(model.placeholderProperty().get()).isEqualTo(DurablesModel.READING);

        model.refresh();

        assertThat(model.durables()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No durables · read at 10:00:00");
        assertThat(model.placeholderProperty().get()).contains("SubscribeOptions.durable(\"billing\", \"invoices.#\")")
                .contains("kmbctl durables list").contains("at least once");
    }

    @Test
    void aDurableSubscriptionIsListedWithItsMembersAndPosition() {
        bus.subscribe(SubscribeOptions.durable("ingest", "jobs.#").withGroup("pool"), delivery -> { });
        bus.subscribe(SubscribeOptions.durable("ingest", "jobs.#").withGroup("pool"), delivery -> { });
        bus.publish(Envelopes.event("jobs.run", null, "planner", CLOCK.instant()));

        model.refresh();

        DurableInfo ingest = model.durables().getFirst();
        assertThat(ingest.name()).isEqualTo("ingest");
        assertThat(ingest.group()).isEqualTo("pool");
        assertThat(ingest.here().members()).isEqualTo(2);
        assertThat(ingest.progress().position()).isEqualTo(1);
        assertThat(model.summaryProperty().get()).isEqualTo("1 durable · 0 unsettled · 2 members here · read at 10:00:00");
        assertThat(model.sharedProperty().get()).isFalse();
    }

    @Test
    void thePickStaysPickedByNameAcrossReadsAndItsFiguresFollow() {
        bus.durables().put(billing(41, 3));
        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(model.details()).contains(new DurableDetail("Position", "41", "the last offset it took from the log"),
                new DurableDetail("Ack floor", "38", "every offset up to it is settled"),
                new DurableDetail("Group", "—", "none: one subscriber at a time"));

        bus.durables().put(billing(1_250, 0));
        model.refresh();

        assertThat(model.selectedProperty().get()).isEqualTo(billing(1_250, 0));
        assertThat(model.details()).contains(new DurableDetail("Position", "1,250", "the last offset it took from the log"));
    }

    @Test
    void thePickSaysWhoHoldsWhatHowTheBrokerDeliversItAndWhenItLastMoved() {
        bus.durables().put(billing(41, 3));
        model.refresh();
        assertThat(model.membersPlaceholderProperty().get()).isEqualTo(DurablesModel.PICK_FOR_MEMBERS);
        model.select(model.durables().getFirst());

        assertThat(model.membersTitleProperty().get()).isEqualTo("Members of billing on this broker");
        assertThat(model.members()).containsExactly(new DurableMemberRow("this broker", "billing-agent", "conn-7",
                "127.0.0.1:53422", "manual", 2, "09:56:40"));

        assertThat(model.details()).containsSubsequence(
                new DurableDetail("Members here", "1", "attached to the broker that answered"),
                new DurableDetail("Last delivered", "09:59:56 (4 s ago)", "by this broker, redeliveries too"),
                new DurableDetail("Last ack", "09:58:25 (1 min 35 s ago)", "from a member here"),
                new DurableDetail("Ack wait", "30 s", "redelivered when not acknowledged within it"),
                new DurableDetail("Max deliver", "5", "deliveries, then the dead-letter queue"),
                new DurableDetail("Backoff", "1 s, 5 s", "before each redelivery; the last repeats"),
                new DurableDetail("Max in flight", "1,000", "unsettled at once here; at it, no new messages are taken"));
        assertThat(model.details()).extracting(DurableDetail::label).as("alone on its store, and serving it")
                .doesNotContain("Node here", "Settings");
    }

    @Test
    void aMemberInTheBrokersOwnProcessIsSaidToBeAndItsSettingsAreTheSubscribes() {
        Subscription member = bus.subscribe(SubscribeOptions.durable("ingest", "jobs.#").withMaxDeliver(2),
                delivery -> { });
        model.refresh();
        model.select(model.durables().getFirst());

        assertThat(model.members()).containsExactly(new DurableMemberRow("this broker", "in process", "—", "—", "auto",
                0, "10:00:00"));
        assertThat(model.details()).contains(new DurableDetail("Max deliver", "2", "deliveries, then the dead-letter queue"),
                new DurableDetail("Backoff", "none", "redelivered at once"));

        member.close();
        model.refresh();

        assertThat(model.members()).isEmpty();
        assertThat(model.membersPlaceholderProperty().get()).isEqualTo("No member of ingest is attached here now: "
                + "what it holds waits for the next subscriber.");
        model.select(null);
        assertThat(model.membersTitleProperty().get()).isEqualTo("Members");
        assertThat(model.membersPlaceholderProperty().get()).isEqualTo(DurablesModel.PICK_FOR_MEMBERS);
    }

    @Test
    void delaysReadAsPeopleSayThem() {
        assertThat(List.of(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(30),
                Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofSeconds(3900), Duration.ofHours(2)))
                .extracting(DurableText::span)
                .containsExactly("500 ms", "1.5 s", "30 s", "1 min 30 s", "2 min", "1 h 5 min", "2 h");
    }

    @Test
    void theListsAreTheSameObjectsEachTimeSoAViewsListenersOnThemLast() {
        // A fresh read-only wrapper per call would drop a view's listener once it is collected.
        assertThat(model.details()).isSameAs(model.details());
        assertThat(model.durables()).isSameAs(model.durables());
    }

    @Test
    void anUnreachableBrokerIsSaidAndTheLastRowsAreMarkedNotCurrent() {
        bus.durables().put(billing(41, 3));
        model.refresh();
        bus.durables().failWith(new KmbException(ErrorCode.UNAVAILABLE, "connection refused"));

        model.refresh();

        assertThat(model.errorProperty().get()).isEqualTo("Reading the durables failed: unavailable: connection refused");
        assertThat(model.summaryProperty().get()).isEqualTo("Not current: 1 durable as read at 10:00:00");
        assertThat(model.placeholderProperty().get()).isEqualTo(DurablesModel.UNREACHABLE);
        assertThat(model.durables()).hasSize(1);

        bus.durables().failWith(null);
        model.refresh();
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void withoutAConnectionTheReadFailsWithAReason() {
        DurablesModel alone = new DurablesModel(new CurrentConnection(new SimpleObjectProperty<>()),
                UiExecutors.direct(), CLOCK);

        alone.refresh();

        assertThat(alone.errorProperty().get()).startsWith("Reading the durables failed: unavailable:");
    }

    @Test
    void deleteForgetsThePickedDurableLetsGoOfItsMembersAndReadsAgain() {
        bus.subscribe(SubscribeOptions.durable("billing", "invoices.#"), delivery -> { });
        model.refresh();
        assertThat(model.canDelete().get()).isFalse();
        model.select(model.durables().getFirst());

        assertThat(model.deleteQuestion()).startsWith("Delete durable 'billing'? The broker forgets its position and "
                + "its 0 unsettled messages").contains("1 member here").doesNotContain("shared bus");
        assertThat(model.canDelete().get()).isTrue();
        model.delete();

        assertThat(model.noticeProperty().get()).isEqualTo("Deleted durable billing");
        assertThat(model.durables()).isEmpty();
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.details()).isEmpty();
        assertThat(bus.openSubscriptions()).isZero();
    }

    @Test
    void aRefusedDeleteIsShownAndTheNextReadDoesNotHideIt() {
        bus.durables().put(billing(41, 3));
        bus.durables().admin(false);
        model.refresh();
        model.select(model.durables().getFirst());

        model.delete();
        model.refresh();

        assertThat(model.actionErrorProperty().get()).isEqualTo("Deleting durable billing failed: forbidden: client "
                + "'studio' lacks the admin permission for 'durable billing'. Deleting a durable needs a token with "
                + "the admin permission.");
        assertThat(model.durables()).hasSize(1);
        assertThat(model.canDelete().get()).isTrue();

        model.select(null);
        assertThat(model.actionErrorProperty().get()).as("another pick clears it").isEmpty();
    }

    @Test
    void aReadAskedForWhileOneIsUnderWayRunsOnceAfterIt() {
        HeldExecutorService background = new HeldExecutorService();
        DurablesModel held = new DurablesModel(CurrentConnection.of(bus), new UiExecutors(Runnable::run, background),
                CLOCK);

        held.refresh();
        held.refresh();
        held.refresh();
        assertThat(background.waiting()).as("one read at a time").isEqualTo(1);
        bus.durables().put(billing(41, 3));
        background.runNext();

        assertThat(background.waiting()).as("the reads asked for meanwhile, as one").isEqualTo(1);
        background.runNext();
        assertThat(background.waiting()).isZero();
        assertThat(bus.durables().reads()).isEqualTo(2);
        assertThat(held.durables()).hasSize(1);
    }

    @Test
    void aReadOfTheBusTheStudioLeftIsDroppedAndTheNewBusIsRead() {
        InMemoryBus other = new InMemoryBus(CLOCK);
        other.durables().put(billing(7, 0));
        bus.durables().put(new DurableInfo("old", "old.#", null, new DurableProgress.OneNode(1, 1, 0), 0,
                NodeActivity.NONE, List.of()));
        SimpleObjectProperty<BusConnection> current = new SimpleObjectProperty<>(bus);
        HeldExecutorService background = new HeldExecutorService();
        DurablesModel switching = new DurablesModel(new CurrentConnection(current),
                new UiExecutors(Runnable::run, background), CLOCK);

        switching.refresh();
        current.set(other);
        assertThat(switching.placeholderProperty().get()).isEqualTo(DurablesModel.READING);
        background.runNext();

        assertThat(switching.durables()).isEmpty();
        background.runNext();
        assertThat(switching.durables()).extracting(DurableInfo::name).containsExactly("billing");
    }
}
