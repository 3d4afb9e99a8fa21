package ai.kind.kmb.ui.publish;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.Sender;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.Topics;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.topics.TopicSnapshot;
import ai.kind.kmb.ui.feed.TopicActivity;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The publish composer: a topic, a type, a payload; send; see the replies. A command or query gets
 * a private reply inbox ({@code _inbox.studio-<uuid>}) subscribed before the send, with
 * {@code reply_to} and a fresh {@code correlation_id} set, so its replies can be shown as they
 * come. The last {@value #HISTORY_SIZE} sends are kept to look at and send again.
 */
public final class PublishModel {
    public static final int HISTORY_SIZE = 100;
    public static final List<MessageType> SENDABLE = List.of(MessageType.EVENT, MessageType.COMMAND, MessageType.QUERY);
    /** Who the Studio's messages say they are from ({@link Sender#HEADER}), so traces draw them on a lane of their own. */
    public static final String AGENT = "kmb-studio";
    private static final String EMPTY_PAYLOAD = "{}";

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final Clock clock;
    private final Duration replyTimeout;
    private final Templates templates = new Templates();

    private final StringProperty topic = new SimpleStringProperty("");
    private final ObjectProperty<MessageType> type = new SimpleObjectProperty<>(MessageType.EVENT);
    private final StringProperty payload = new SimpleStringProperty(EMPTY_PAYLOAD);
    private final BooleanProperty durable = new SimpleBooleanProperty(true);
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final ObservableList<ReplyRow> replies = FXCollections.observableArrayList();
    private final SentHistory history = new SentHistory(HISTORY_SIZE);
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper();
    private PendingReplies pending;

    public PublishModel(CurrentConnection connection, UiExecutors executors, Clock clock, Duration replyTimeout) {
        this.connection = connection;
        this.executors = executors;
        this.clock = clock;
        this.replyTimeout = replyTimeout;
    }

    // ---- properties

    public StringProperty topicProperty() {
        return topic;
    }

    public ObjectProperty<MessageType> typeProperty() {
        return type;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    public BooleanProperty durableProperty() {
        return durable;
    }

    /** Topics to pick from: those the bus counted, and those the live feed saw. */
    public ObservableList<String> topics() {
        return topics;
    }

    /** Replies to the last command or query, in arrival order. */
    public ObservableList<ReplyRow> replies() {
        return replies;
    }

    /** What was sent, newest first, at most {@value #HISTORY_SIZE}. */
    public ObservableList<SentMessage> history() {
        return history.lines();
    }

    /** How the last send went, on one line. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while replies to the last command or query are awaited. */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    // ---- commands

    /** Takes the live feed's topic totals: each one's last message is that topic's template. */
    public void activity(List<TopicActivity> changed) {
        changed.stream().map(TopicActivity::last).filter(Objects::nonNull).forEach(templates::seen);
        Templates.merge(topics, changed.stream().map(TopicActivity::topic));
    }

    /**
     * When the topic is blank, fills in the live topic most worth starting from (see
     * {@link Templates#suggestion()}) and, unless a payload was written, its last message.
     */
    public void suggest() {
        if (!topic.get().isBlank()) {
            return;
        }
        templates.suggestion().ifPresent(message -> {
            topic.set(message.topic());
            if (payload.get().isBlank() || payload.get().strip().equals(EMPTY_PAYLOAD)) {
                applyTemplate(message.topic(), message, "the live traffic");
            }
        });
    }

    public void refreshTopics() {
        Tasks.onBus(executors, connection, BusConnection::topics,
                snapshots -> Templates.merge(topics, snapshots.stream().map(TopicSnapshot::topic)),
                failure -> error.set(Tasks.failure("Listing topics", failure)));
    }

    /** Fills the payload with the last message seen on the topic (live feed first, then the history). */
    public void useTemplate() {
        String name = topic.get().strip();
        if (!Topics.isValidName(name)) {
            error.set("Pick a valid topic first to start from its last message");
            return;
        }
        var live = templates.fromLive(name);
        if (live.isPresent()) {
            applyTemplate(name, live.get(), "the live traffic");
            return;
        }
        Tasks.onBus(executors, connection, bus -> Templates.fromHistory(bus, name), found -> found.ifPresentOrElse(
                message -> applyTemplate(name, message, "the history"),
                () -> outcome.set("No message seen on " + name + " yet: start from {}")),
                failure -> error.set(Tasks.failure("Looking up the last message on " + name, failure)));
    }

    /** Fills the payload with a template made from the topic's latest schema in the registry. */
    public void useSchemaTemplate() {
        String name = topic.get().strip();
        if (!Topics.isValidName(name)) {
            error.set("Pick a valid topic first to start from its schema");
            return;
        }
        Tasks.onBus(executors, connection, bus -> described(bus, name),
                found -> found.ifPresentOrElse(described -> {
                    payload.set(ReplyRows.pretty(SchemaTemplate.of(described.latest())));
                    error.set("");
                    outcome.set("Started from schema " + described.latest().version() + " of " + name);
                }, () -> outcome.set(name + " has no schema in the registry: start from its last message or {}")),
                failure -> error.set(Tasks.failure("Reading the schema of " + name, failure)));
    }

    public void send() {
        String name = topic.get().strip();
        MessageType kind = type.get();
        JsonNode body;
        try {
            Topics.requireValidName(name);
            body = Json.mapper().readTree(payload.get());
        } catch (KmbException | IllegalArgumentException e) {
            error.set("Topic: " + e.getMessage());
            return;
        } catch (JsonProcessingException e) {
            error.set("Payload is not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
            return;
        }
        error.set("");
        stopWaiting();
        replies.clear();
        SentMessage sent = history.add(clock.instant(), name, kind, payload.get(), durable.get());
        PublishOptions options = durable.get() ? PublishOptions.DURABLE : PublishOptions.EPHEMERAL;
        Envelope message = Envelope.of(name, kind, body, Sender.named(Metadata.EMPTY, AGENT));
        if (kind == MessageType.COMMAND || kind == MessageType.QUERY) {
            ask(sent, message, options);
        } else {
            outcome.set("Sending " + kind.wireName() + " to " + name + "…");
            // Off the FX thread: a remote bus may block while its send buffer is full.
            Tasks.onBus(executors, connection, bus -> bus.publish(message, options),
                    published -> Tasks.settle(executors, published,
                            ack -> done(sent, "Published to " + name + " · " + ReplyRows.where(ack)),
                            failure -> failed(sent, failure)),
                    failure -> failed(sent, failure));
        }
    }

    /** Puts a sent message back in the form, to edit or send again. */
    public void load(SentMessage sent) {
        topic.set(sent.topic());
        type.set(sent.type());
        payload.set(sent.payload());
        durable.set(sent.durable());
    }

    public void resend(SentMessage sent) {
        load(sent);
        send();
    }

    public void stopWaiting() {
        if (pending != null) {
            endWait(pending);
        }
    }

    private void ask(SentMessage sent, Envelope message, PublishOptions options) {
        String correlation = UUID.randomUUID().toString();
        PendingReplies awaited = new PendingReplies("_inbox.studio-" + UUID.randomUUID(), correlation, sent.type(),
                clock.instant());
        pending = awaited;
        waiting.set(true);
        Envelope asking = message.withMetadata(message.metadata().withCorrelation(correlation, awaited.inbox()));
        outcome.set("Sending " + sent.type().wireName() + " to " + sent.topic() + ", replies to " + awaited.inbox() + "…");
        Consumer<Throwable> fail = failure -> {
            endWait(awaited);
            failed(sent, failure);
        };
        // Subscribe first: a fast responder may answer before the publish call even returns.
        Tasks.onBus(executors, connection, bus -> {
            Subscription inbox = bus.subscribe(SubscribeOptions.ephemeral(awaited.inbox()),
                    delivery -> executors.ui().execute(() -> reply(awaited, sent, delivery.message())));
            awaited.subscribed(inbox);
            return bus.publish(asking, options);
        }, published -> Tasks.settle(executors, published, ack -> {
            if (!awaited.finished()) {
                outcome.set("Sent " + sent.type().wireName() + " to " + sent.topic() + " · " + ReplyRows.where(ack)
                        + " · waiting for replies on " + awaited.inbox());
                history.outcome(sent, "sent, waiting for replies");
                CompletableFuture.delayedExecutor(replyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> executors.ui().execute(() -> timedOut(awaited, sent)));
            }
        }, fail), fail);
    }

    private void reply(PendingReplies awaited, SentMessage sent, Envelope message) {
        if (awaited != pending || !awaited.isOurs(message)) {
            return;
        }
        boolean last = awaited.take(message);
        replies.add(ReplyRows.of(message, Duration.between(awaited.sentAt(), clock.instant())));
        String summary = awaited.replies() + (awaited.replies() == 1 ? " reply" : " replies")
                + (awaited.lastStatus() == null ? "" : ", last " + awaited.lastStatus());
        if (last) {
            endWait(awaited);
            done(sent, "Answered: " + summary);
        } else {
            outcome.set("Waiting for the final reply: " + summary);
            history.outcome(sent, summary);
        }
    }

    private void timedOut(PendingReplies awaited, SentMessage sent) {
        if (awaited != pending || awaited.finished()) {
            return;
        }
        String text = ReplyRows.timedOut(awaited.replies(), replyTimeout);
        error.set(text + " to the " + sent.type().wireName() + " on " + sent.topic());
        history.outcome(sent, text);
        endWait(awaited);
    }

    private void endWait(PendingReplies awaited) {
        close(awaited.finish());
        if (awaited == pending) {
            pending = null;
            waiting.set(false);
        }
    }

    private void close(Subscription subscription) {
        if (subscription != null) {
            Tasks.run(executors, subscription::close, () -> { },
                    failure -> error.set(Tasks.failure("Closing the reply inbox", failure)));
        }
    }

    private void done(SentMessage sent, String text) {
        outcome.set(text);
        history.outcome(sent, text);
    }

    private void failed(SentMessage sent, Throwable failure) {
        String text = ReplyRows.failure(sent, failure);
        error.set(text);
        outcome.set("");
        history.outcome(sent, text);
    }

    private static Optional<TopicDescriptor> described(BusConnection bus, String name) {
        try {
            return Optional.of(bus.registry().topic(name));
        } catch (KmbException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void applyTemplate(String name, Envelope message, String where) {
        payload.set(ReplyRows.pretty(message.payload()));
        if (SENDABLE.contains(message.type())) {
            type.set(message.type());
        }
        outcome.set("Started from the last " + message.type().wireName() + " on " + name + " in " + where);
        error.set("");
    }
}
