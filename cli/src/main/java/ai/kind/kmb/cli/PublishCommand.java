package ai.kind.kmb.cli;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.connection.BusConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes one message and prints its id and offset once the server took it.",
                "With --wait, sends a command or query and prints its replies as they come."})
final class PublishCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, such as orders.created.")
    private String topic;

    @Parameters(index = "1", paramLabel = "PAYLOAD",
            description = "The payload: JSON text, @FILE to read it from a file, or - to read standard input.")
    private String payload;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "event",
            description = "event (default), command, query, transactional or reply.")
    private String type;

    @Option(names = "--trace-id", paramLabel = "ID", description = "metadata.trace_id.")
    private String traceId;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "metadata.correlation_id.")
    private String correlationId;

    @Option(names = "--reply-to", paramLabel = "TOPIC", description = "metadata.reply_to.")
    private String replyTo;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME=VALUE", description = "A metadata header; repeatable.")
    private Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--id", paramLabel = "ID",
            description = "The message id; the same id again within the server's dedup window is not stored twice.")
    private String id;

    @Option(names = "--durable", negatable = true,
            description = "Wait until the message is on disk (--no-durable: live only). Default: the server's.")
    private Boolean durable;

    @Option(names = {"-w", "--wait"},
            description = "For a command or query: wait for the replies and print each status (ACK, DONE, ERROR; "
                    + "data, error, not_found).")
    private boolean waitForReplies;

    @Option(names = "--ack-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "With --wait: how long a command's ACK may take (default 5s).")
    private Duration ackTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "With --wait: how long a query's reply, or a command's DONE after its ACK, may take "
                    + "(default 30s).")
    private Duration timeout;

    @Option(names = "--sign", paramLabel = "KEYFILE",
            description = {"Sign the message with this Ed25519 private key (KEY_ID.key.pem or KEY_ID.jwk.json from",
                "'kmbctl keys gen'); the broker checks it against its key registry."})
    private Path signingKey;

    @Option(names = "--key-id", paramLabel = "KEY_ID",
            description = {"With --sign: the key id the signature names (default: the JWK's kid, else the file",
                "name without .key.pem or .jwk.json)."})
    private String keyId;

    PublishCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        Metadata metadata = Metadata.EMPTY.withTrace(traceId, null, null).withCorrelation(correlationId, replyTo)
                .withHeaders(headers);
        if (keyId != null && signingKey == null) {
            throw new CliException(ExitCodes.USAGE, "--key-id names the key of --sign; give --sign KEYFILE too");
        }
        Envelope message = new Envelope(id, null, topic, MessageType.fromWireName(type),
                JsonInput.read(payload, cli.in(), "the payload"), metadata, null);
        if (signingKey != null) {
            // Signing stamps the id and timestamp, which the signature covers; --wait then keeps both.
            message = SigningKeyFile.signer(signingKey, keyId, Clock.systemUTC()).sign(message);
        }
        if (waitForReplies) {
            RequestWaiter.requireRequest(message.type());
            try (BusConnection bus = cli.connect()) {
                return new RequestWaiter(cli, ackTimeout, timeout).send(bus, message, new PublishOptions(durable));
            }
        }
        PublishAck ack;
        try (BusConnection bus = cli.connect()) {
            ack = bus.publish(message, new PublishOptions(durable)).join();
        }
        if (cli.json()) {
            cli.println(Views.line(Views.ack(ack)));
        } else {
            String where = ack.offset() == PublishAck.NOT_STORED ? "(live only, not stored)" : "at offset " + ack.offset();
            cli.println("published " + ack.id() + " to " + topic + " " + where
                    + (ack.duplicate() ? " (a duplicate: the server already had this id)" : ""));
        }
        return ExitCodes.OK;
    }
}
