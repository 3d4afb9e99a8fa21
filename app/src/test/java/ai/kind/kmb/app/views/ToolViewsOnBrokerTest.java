package ai.kind.kmb.app.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.app.EmbeddedBroker;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.replay.ReplayState;
import ai.kind.kmb.ui.dlq.DeadLetterModel;
import ai.kind.kmb.ui.publish.PublishModel;
import ai.kind.kmb.ui.publish.ReplyRow;
import ai.kind.kmb.ui.record.RecordModel;
import ai.kind.kmb.ui.replay.ReplayModel;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.trace.TraceBar;
import ai.kind.kmb.ui.trace.TraceModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool views' models against the real embedded broker: what the UI tests check on an
 * in-memory bus, here with the broker's threads, its durable log and its dead-letter queue.
 * Callbacks run on the bus's own threads (direct executors), so the tests wait for outcomes.
 */
class ToolViewsOnBrokerTest {
    @TempDir
    Path data;
    private EmbeddedBroker broker;
    private EmbeddedConnection connection;
    private CurrentConnection current;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(data.resolve("broker"), 0);
        connection = broker.connect();
        current = CurrentConnection.of(connection);
    }

    @AfterEach
    void stop() {
        connection.close();
        broker.close();
    }

    @Test
    void aCommandSentFromTheComposerIsAnsweredAndItsTraceIsAWaterfall() throws Exception {
        connection.subscribe(SubscribeOptions.ephemeral("orders.#"), delivery -> {
            Envelope asked = delivery.message();
            for (String status : List.of("ACK", "DONE")) {
                Metadata metadata = Metadata.EMPTY.withTrace(asked.metadata().traceId(), null, null)
                        .withCorrelation(asked.metadata().correlationId(), null).withStatus(status)
                        .withHeaders(java.util.Map.of("agent", "orders-service"));
                connection.publish(Envelope.of(asked.metadata().replyTo(), MessageType.REPLY, Json.object(), metadata),
                        PublishOptions.DURABLE).join();
            }
        });
        PublishModel publish = new PublishModel(current, UiExecutors.direct(), Clock.systemUTC(), Duration.ofSeconds(10));
        publish.topicProperty().set("orders.place");
        publish.typeProperty().set(MessageType.COMMAND);

        publish.send();
        await(() -> !publish.waitingProperty().get() && publish.replies().size() == 2);

        assertThat(publish.replies()).extracting(ReplyRow::status).containsExactly("ACK", "DONE");
        assertThat(publish.outcomeProperty().get()).isEqualTo("Answered: 2 replies, last DONE");

        // The composer sets no trace id; one published with a trace shows as a waterfall.
        Metadata traced = Metadata.EMPTY.withTrace("trace-on-broker", null, null)
                .withCorrelation("c-1", "_inbox.test").withHeaders(java.util.Map.of("agent", "planner"));
        connection.subscribe(SubscribeOptions.ephemeral("_inbox.test"), delivery -> { });
        connection.publish(Envelope.of("orders.place", MessageType.COMMAND, Json.object(), traced),
                PublishOptions.DURABLE).join();
        TraceModel trace = new TraceModel(current, UiExecutors.direct());
        await(() -> {
            trace.show("trace-on-broker");
            return trace.timelineProperty().get().bars().stream()
                    .anyMatch(b -> b.kind() == TraceBar.Kind.ROUND_TRIP && b.outcome() == TraceBar.Outcome.OK);
        });
        assertThat(trace.timelineProperty().get().lanes()).containsExactly("planner", "orders-service");
    }

    @Test
    void aRejectedMessageIsRequeuedFromTheViewerAndARecordingReplays() throws Exception {
        RecordModel record = new RecordModel(current, UiExecutors.direct(), Clock.systemUTC(), data);
        Path recording = data.resolve("jobs.ndjson");
        record.pathProperty().set(recording.toString());
        record.filterProperty().set("jobs.#");
        record.start();
        connection.subscribe(SubscribeOptions.durable("workers", "jobs.#").withAckMode(ai.kind.kmb.AckMode.MANUAL),
                delivery -> delivery.nack(false));
        connection.publish(Envelope.event("jobs.run", Json.object().put("n", 1)), PublishOptions.DURABLE).join();
        await(() -> !connection.deadLetters().list(DeadLetterQuery.all(10)).isEmpty());
        record.stop(null);
        await(() -> !record.busyProperty().get());
        assertThat(record.finished().getFirst().written()).isEqualTo(1);

        // A UI thread of its own, as the FX thread is: a callback run on the store's writer thread must not read the store.
        UiExecutors apart = new UiExecutors(Executors.newSingleThreadExecutor()::execute, UiExecutors.daemonPool("t", 1));
        DeadLetterModel letters = new DeadLetterModel(current, apart, Clock.systemUTC());
        letters.refresh();
        await(() -> letters.reasons().size() == 2);
        assertThat(letters.reasons().getLast().label()).isEqualTo("rejected (1)");
        letters.select(List.of(letters.letters().getFirst()));
        letters.requeue("retry.jobs");
        await(() -> !letters.statusProperty().get().isEmpty() || !letters.errorProperty().get().isEmpty());
        assertThat(letters.statusProperty().get()).as(letters.errorProperty().get())
                .isEqualTo("Requeued 1 letter to retry.jobs");

        ReplayModel replay = new ReplayModel(current, UiExecutors.direct(), Clock.systemUTC());
        replay.recordingProperty().set(recording.toString());
        replay.speedProperty().set("max");
        replay.targetPrefixProperty().set("replayed");
        replay.start(false);
        await(() -> !replay.activeProperty().get());
        assertThat(replay.stateProperty().get()).isEqualTo(ReplayState.DONE);
        assertThat(replay.progressProperty().get()).startsWith("done · 1 of 1 · published 1");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
