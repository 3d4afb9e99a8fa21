package ai.kind.kmb.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishPipelineTest {
    private final PublishPipeline pipeline = new PublishPipeline();
    private final Broker broker = new Broker(new InMemoryStore(), BrokerOptions.defaults(), Clock.systemUTC(),
            pipeline);

    @AfterEach
    void close() {
        broker.close();
    }

    private static Envelope order(int n) {
        return Envelope.event("orders.created", Json.object().put("n", n));
    }

    @Test
    void stepsRunStageByStageWhateverOrderTheyWereAddedIn() {
        List<String> seen = new ArrayList<>();
        pipeline.add(PublishStage.AFTER_VALIDATION, message -> record(seen, "after", message));
        pipeline.add(PublishStage.VALIDATION, message -> record(seen, "validation", message));
        pipeline.add(PublishStage.BEFORE_VALIDATION, message -> record(seen, "before", message));

        broker.publish(order(1), PublishOptions.DURABLE).join();

        assertThat(seen).containsExactly("before", "validation", "after");
    }

    private static StepOutcome record(List<String> seen, String stage, Envelope message) {
        seen.add(stage);
        return new StepOutcome.Continue(message);
    }

    @Test
    void aChangedMessageIsWhatIsStored() {
        pipeline.add(PublishStage.BEFORE_VALIDATION,
                message -> new StepOutcome.Continue(message.withPayload(Json.object().put("n", 99))));

        PublishAck ack = broker.publish(order(1), PublishOptions.DURABLE).join();

        assertThat(broker.store().readAfter(ack.offset() - 1, 1).getFirst().envelope().payload().get("n").asInt())
                .isEqualTo(99);
    }

    @Test
    void aRefusingStepFailsThePublishWithItsErrorAndStoresNothing() {
        pipeline.add(PublishStage.VALIDATION, message -> {
            throw new KmbException(ErrorCode.SCHEMA_INVALID, "payload is not an order");
        });

        assertThatThrownBy(() -> broker.publish(order(1), PublishOptions.DURABLE).join())
                .hasCauseInstanceOf(KmbException.class)
                .hasMessageContaining("payload is not an order");
        assertThat(broker.store().lastOffset()).isZero();
    }

    @Test
    void aStepThatThrowsSendsTheMessageToTheDeadLetterQueueWithHandlerError() {
        pipeline.add(PublishStage.AFTER_VALIDATION, message -> {
            throw new IllegalStateException("enricher is broken");
        });

        assertThatThrownBy(() -> broker.publish(order(7), PublishOptions.DURABLE).join())
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("enricher is broken")
                .hasMessageContaining("kept as dead letter");
        List<DeadLetter> letters = broker.store().deadLetters(DeadLetterQuery.all(10));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.death().reason()).isEqualTo(DeathReason.HANDLER_ERROR);
            assertThat(letter.death().subscriber()).isEqualTo(Broker.PUBLISH_PATH);
            assertThat(letter.death().lastError()).contains("enricher is broken");
            assertThat(letter.message().payload().get("n").asInt()).isEqualTo(7);
        });
    }

    @Test
    void aDeadLetterOutcomeKeepsTheMessageAndRefusesThePublisherWithTheStepsCode() {
        pipeline.add(PublishStage.VALIDATION, message -> new StepOutcome.DeadLetter(message,
                DeathReason.SCHEMA_INVALID, ErrorCode.SCHEMA_INVALID, "/n: must be a string"));

        assertThatThrownBy(() -> broker.publish(order(3), PublishOptions.DURABLE).join())
                .cause().isInstanceOfSatisfying(KmbException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.SCHEMA_INVALID));
        assertThat(broker.store().deadLetters(DeadLetterQuery.all(10)))
                .singleElement().extracting(letter -> letter.death().reason()).isEqualTo(DeathReason.SCHEMA_INVALID);
    }

    @Test
    void aDroppedMessageIsAcknowledgedButNeitherStoredNorRouted() {
        pipeline.add(PublishStage.BEFORE_VALIDATION, message -> new StepOutcome.Drop("configured drop"));

        PublishAck ack = broker.publish(order(1), PublishOptions.DURABLE).join();

        assertThat(ack.offset()).isEqualTo(PublishAck.NOT_STORED);
        assertThat(broker.store().lastOffset()).isZero();
    }
}
