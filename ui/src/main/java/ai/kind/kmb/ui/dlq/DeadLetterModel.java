package ai.kind.kmb.ui.dlq;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.dlq.DeadLetterExport;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dead-letter viewer: letters with their reasons and counts, the one picked (as JSON, and as an
 * editable copy to resend), and what a person does with them: requeue one or many, resend an edited
 * message, delete, purge what the filter shows, export to a recording.
 */
public final class DeadLetterModel {
    /** Letters listed at most; counts say when there are more. */
    public static final int MAX_LISTED = 10_000;

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final Clock clock;

    private final ObjectProperty<DeathReason> reason = new SimpleObjectProperty<>();
    private final StringProperty topicFilter = new SimpleStringProperty("");
    private final StringProperty editor = new SimpleStringProperty("");
    private final ObservableList<DeadLetter> letters = FXCollections.observableArrayList();
    private final ObservableList<ReasonCount> reasons = FXCollections.observableArrayList();
    private final ObservableList<DeadLetter> selection = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private List<DeadLetter> all = List.of();

    public DeadLetterModel(CurrentConnection connection, UiExecutors executors, Clock clock) {
        this.connection = connection;
        this.executors = executors;
        this.clock = clock;
        reason.addListener((obs, old, now) -> applyFilter());
        topicFilter.addListener((obs, old, now) -> applyFilter());
    }

    // ---- properties

    /** Only letters that died for this reason; null for all. */
    public ObjectProperty<DeathReason> reasonProperty() {
        return reason;
    }

    /** Only letters whose original topic matches this filter; blank for all. */
    public StringProperty topicFilterProperty() {
        return topicFilter;
    }

    /** The picked letter's message as editable JSON, for {@link #resend}. */
    public StringProperty editorProperty() {
        return editor;
    }

    public ObservableList<DeadLetter> letters() {
        return letters;
    }

    /** "All reasons" first, then each reason that has letters, with counts over every letter. */
    public ObservableList<ReasonCount> reasons() {
        return reasons;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** What the last action did, on one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public List<DeadLetter> selection() {
        return List.copyOf(selection);
    }

    // ---- commands

    public void refresh() {
        busy.set(true);
        Tasks.onBus(executors, connection, bus -> bus.deadLetters().list(DeadLetterQuery.all(MAX_LISTED)), listed -> {
            busy.set(false);
            all = listed;
            reasons.setAll(counts(listed));
            applyFilter();
        }, failure -> {
            busy.set(false);
            error.set(Tasks.failure("Listing dead letters", failure));
        });
    }

    /** The letters the person picked; one picked letter is shown and copied to the editor. */
    public void select(List<DeadLetter> picked) {
        selection.setAll(picked);
        DeadLetter one = picked.size() == 1 ? picked.getFirst() : null;
        detail.set(one == null ? (picked.isEmpty() ? "" : picked.size() + " letters selected") : LetterText.describe(one));
        editor.set(one == null ? "" : LetterText.pretty(EnvelopeCodec.toJson(one.message())));
    }

    /** Sends the selected letters back to their original topics, or all to {@code target} when not blank. */
    public void requeue(String target) {
        String topic = target == null || target.isBlank() ? null : target.strip();
        settleEach("Requeue", selection(), (admin, letter) -> admin.requeue(letter.id(), topic),
                count -> "Requeued " + count + (topic == null ? " to their original topics" : " to " + topic));
    }

    /** Publishes the editor's message in place of the one selected letter. */
    public void resend() {
        if (selection.size() != 1) {
            error.set("Pick exactly one letter to edit and resend");
            return;
        }
        Envelope edited;
        try {
            edited = EnvelopeCodec.fromJson(editor.get());
        } catch (RuntimeException e) {
            error.set("The edited message is not a valid envelope: " + e.getMessage());
            return;
        }
        settleEach("Resend", selection(), (admin, letter) -> admin.resend(letter.id(), edited),
                count -> "Resent the edited message to " + edited.topic());
    }

    public void delete() {
        settleEach("Delete", selection(), (admin, letter) -> admin.delete(letter.id())
                ? CompletableFuture.completedFuture(new PublishAck(letter.id(), PublishAck.NOT_STORED, false))
                : CompletableFuture.failedFuture(new KmbException(ErrorCode.NOT_FOUND, "letter " + letter.id()
                        + " is not there any more")), count -> "Deleted " + count);
    }

    /** Removes every letter the current filter shows (all of them with no filter). */
    public void purge() {
        DeadLetterQuery query;
        try {
            query = query();
        } catch (RuntimeException e) {
            error.set("Purge failed: " + e.getMessage());
            return;
        }
        Tasks.onBus(executors, connection, bus -> bus.deadLetters().purge(query), purged -> {
            error.set("");
            status.set("Purged " + plural(purged));
            refresh();
        }, failure -> error.set(Tasks.failure("Purge", failure)));
    }

    /** Writes the selected letters, or all shown when none is selected, to a new recording file. */
    public void export(Path path) {
        List<DeadLetter> chosen = selection.isEmpty() ? List.copyOf(letters) : selection();
        String filter = topicFilter.get().isBlank() ? null : topicFilter.get().strip();
        Tasks.onBus(executors, connection, bus -> DeadLetterExport.write(path, chosen, bus.describe() + " (dead letters)",
                filter, clock.instant()), written -> {
                    error.set("");
                    status.set("Exported " + plural((int) (long) written) + " to " + path);
                }, failure -> error.set(Tasks.failure("Export to " + path, failure)));
    }

    /** How many letters the filter shows: what purge would remove. */
    public int shown() {
        return letters.size();
    }

    private void settleEach(String action, List<DeadLetter> chosen,
                            BiFunction<DeadLetterAdmin, DeadLetter, CompletableFuture<PublishAck>> each,
                            UnaryOperator<String> success) {
        if (chosen.isEmpty()) {
            error.set(action + ": pick one or more letters first");
            return;
        }
        Tasks.onBus(executors, connection, bus -> {
            List<CompletableFuture<PublishAck>> pending = new ArrayList<>();
            for (DeadLetter letter : chosen) {
                pending.add(each.apply(bus.deadLetters(), letter));
            }
            return pending;
        }, pending -> Tasks.settle(executors, CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .handle((ok, failure) -> pending), done -> report(action, done, success), failure -> {
                    error.set(Tasks.failure(action, failure));
                    refresh();
                }), failure -> error.set(Tasks.failure(action, failure)));
    }

    private void report(String action, List<CompletableFuture<PublishAck>> done, UnaryOperator<String> success) {
        List<String> failures = new ArrayList<>();
        int succeeded = 0;
        for (CompletableFuture<PublishAck> each : done) {
            if (each.isCompletedExceptionally()) {
                failures.add(Tasks.failure(action, each.exceptionNow()));
            } else {
                succeeded++;
            }
        }
        error.set(failures.isEmpty() ? "" : failures.size() + " of " + done.size() + " failed; the first: "
                + failures.getFirst());
        status.set(succeeded == 0 ? "" : success.apply(plural(succeeded)));
        refresh();
    }

    private void applyFilter() {
        DeadLetterQuery query;
        try {
            query = query();
            error.set("");
        } catch (RuntimeException e) {
            error.set("Topic filter: " + e.getMessage());
            return;
        }
        letters.setAll(all.stream().filter(query::matches).toList());
        selection.retainAll(letters);
    }

    private DeadLetterQuery query() {
        String text = topicFilter.get() == null ? "" : topicFilter.get().strip();
        return new DeadLetterQuery(reason.get(), text.isEmpty() ? null : TopicFilter.parse(text), 0);
    }

    private static List<ReasonCount> counts(List<DeadLetter> listed) {
        Map<DeathReason, Integer> byReason = new EnumMap<>(DeathReason.class);
        listed.forEach(letter -> byReason.merge(letter.death().reason(), 1, Integer::sum));
        List<ReasonCount> result = new ArrayList<>();
        result.add(new ReasonCount(null, listed.size()));
        byReason.forEach((each, count) -> result.add(new ReasonCount(each, count)));
        return result;
    }

    private static String plural(int count) {
        return count + (count == 1 ? " letter" : " letters");
    }
}
