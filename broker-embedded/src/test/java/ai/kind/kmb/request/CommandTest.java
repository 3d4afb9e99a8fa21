package ai.kind.kmb.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.request.BusSetup.Mode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Commands through the SDK, in process and over the network: statuses, time-outs, no responders. */
class CommandTest {
    private static final CommandOptions SHORT = CommandOptions.DEFAULT.withAckTimeout(Duration.ofMillis(300))
            .withCompletionTimeout(Duration.ofMillis(300));

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theSenderSeesAckThenDoneWithTheHandlersResult(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            KmbClient robot = setup.client();
            robot.onCommand("robot.move", command -> {
                command.ack();
                command.done(Json.object().put("moved", command.payload().asInt()));
            });
            List<CommandStatus> heard = new CopyOnWriteArrayList<>();

            CommandHandle handle = setup.client().command("robot.move", IntNode.valueOf(3))
                    .onStatus(reply -> heard.add(reply.status()));
            CommandReply done = handle.completion().get(5, TimeUnit.SECONDS);

            assertThat(done.status()).isEqualTo(CommandStatus.DONE);
            assertThat(done.payload().path("moved").asInt()).isEqualTo(3);
            assertThat(done.message().type()).isEqualTo(MessageType.REPLY);
            assertThat(done.message().metadata().correlationId()).isEqualTo(handle.id());
            assertThat(handle.statuses()).extracting(CommandReply::status)
                    .containsExactly(CommandStatus.ACK, CommandStatus.DONE);
            assertThat(heard).containsExactly(CommandStatus.ACK, CommandStatus.DONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHandlerThatThrowsAnswersErrorWithItsReason(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            setup.client().onCommand("robot.move", command -> {
                command.ack();
                throw new IllegalStateException("arm is jammed");
            });

            CommandReply last = setup.client().command("robot.move", IntNode.valueOf(1)).completion()
                    .get(5, TimeUnit.SECONDS);

            assertThat(last.status()).isEqualTo(CommandStatus.ERROR);
            assertThat(last.reason()).isEqualTo("arm is jammed");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHandlerThatNeverAcksFailsTheAckStep(Mode mode) {
        try (BusSetup setup = new BusSetup(mode)) {
            setup.client().subscribe("robot.move", delivery -> { });

            CommandHandle handle = setup.client().command(
                    ai.kind.kmb.Envelope.of("robot.move", MessageType.COMMAND, IntNode.valueOf(1), null), SHORT);

            assertFailsWith(handle.acked(), ErrorCode.TIMEOUT, "got no ACK within 300 ms");
            assertFailsWith(handle.completion(), ErrorCode.TIMEOUT, "got no ACK within 300 ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHandlerThatAcksButNeverFinishesFailsTheCompletionStep(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            KmbClient robot = setup.client();
            robot.subscribe("robot.move", delivery -> robot.reply(delivery, "ACK", null));

            CommandHandle handle = setup.client().command(
                    ai.kind.kmb.Envelope.of("robot.move", MessageType.COMMAND, IntNode.valueOf(1), null), SHORT);

            assertThat(handle.acked().get(5, TimeUnit.SECONDS).status()).isEqualTo(CommandStatus.ACK);
            assertFailsWith(handle.completion(), ErrorCode.TIMEOUT, "was acknowledged but got no DONE or ERROR");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCommandNobodyHandlesFailsWithNoRespondersAtOnce(Mode mode) {
        try (BusSetup setup = new BusSetup(mode)) {
            CommandHandle handle = setup.client().command(ai.kind.kmb.Envelope.of("robot.move", MessageType.COMMAND,
                    IntNode.valueOf(1), null), CommandOptions.DEFAULT.withAckTimeout(Duration.ofMinutes(5)));

            assertFailsWith(handle.completion(), ErrorCode.NO_RESPONDERS, "no subscriber for command");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anObserverIsNotCountedAsAResponderButADurableIs(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            KmbClient watcher = setup.client();
            List<String> watched = new CopyOnWriteArrayList<>();
            watcher.subscribe(SubscribeOptions.ephemeral("#").withObserver(true),
                    delivery -> watched.add(delivery.message().topic()));
            KmbClient sender = setup.client();
            CommandOptions patient = CommandOptions.DEFAULT.withAckTimeout(Duration.ofMinutes(5));

            assertFailsWith(sender.command(ai.kind.kmb.Envelope.of("robot.move", MessageType.COMMAND,
                    IntNode.valueOf(1), null), patient).completion(), ErrorCode.NO_RESPONDERS, "robot.move");

            setup.client().subscribe(SubscribeOptions.durable("movers", "robot.#"), delivery -> { });
            CommandHandle accepted = sender.command(ai.kind.kmb.Envelope.of("robot.move", MessageType.COMMAND,
                    IntNode.valueOf(2), null), SHORT);
            assertFailsWith(accepted.completion(), ErrorCode.TIMEOUT, "got no ACK");
            assertThat(watched).contains("robot.move");
        }
    }

    static void assertFailsWith(java.util.concurrent.Future<?> future, ErrorCode code, String text) {
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(KmbException.class).hasMessageContaining(text)
                .satisfies(error -> assertThat(((KmbException) error).code()).isEqualTo(code));
    }
}
