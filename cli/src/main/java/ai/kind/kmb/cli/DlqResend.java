package ai.kind.kmb.cli;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.Topics;
import ai.kind.kmb.connection.BusConnection;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resend", mixinStandardHelpOptions = true,
        description = {"Publishes an edited copy of a dead message in its place and removes the letter.",
                "Start from the dead message and change its --payload and/or --topic, or give the whole --message.",
                "JSON values take the text itself, @FILE, or - for standard input. The message keeps its id unless"
                        + " the edit sets another."})
final class DlqResend implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "The dead letter to replace.")
    private String id;

    @Option(names = "--payload", paramLabel = "JSON", description = "The new payload.")
    private String payload;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Publish to this topic instead of the message's.")
    private String topic;

    @Option(names = "--message", paramLabel = "JSON", description = "The whole edited envelope (then no --payload or --topic).")
    private String message;

    DlqResend(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        if (message == null && payload == null && topic == null) {
            throw new CliException(ExitCodes.USAGE, "say what to change: --payload, --topic or the whole --message"
                    + " (to send it unchanged, use 'kmbctl dlq requeue')");
        }
        if (message != null && (payload != null || topic != null)) {
            throw new CliException(ExitCodes.USAGE, "--message is the whole envelope; give --payload and --topic"
                    + " without it");
        }
        PublishAck ack;
        try (BusConnection bus = cli.connect()) {
            ack = bus.deadLetters().resend(id, edited(bus.deadLetters().get(id).message())).join();
        }
        if (cli.json()) {
            cli.println(Views.line(Views.ack(ack).put("dead_letter", id)));
        } else {
            cli.println("resent " + id + " as message " + ack.id() + " at offset " + ack.offset());
        }
        return ExitCodes.OK;
    }

    private Envelope edited(Envelope dead) throws IOException {
        if (message != null) {
            return EnvelopeCodec.fromJson(JsonInput.read(message, cli.in(), "the message"));
        }
        Envelope changed = payload == null ? dead : dead.withPayload(JsonInput.read(payload, cli.in(), "the payload"));
        return topic == null ? changed : changed.withTopic(Topics.requireValidName(topic));
    }
}
