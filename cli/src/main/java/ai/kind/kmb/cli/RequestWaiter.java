package ai.kind.kmb.cli;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.request.CommandHandle;
import ai.kind.kmb.request.CommandOptions;
import ai.kind.kmb.request.CommandReply;
import ai.kind.kmb.request.CommandStatus;
import ai.kind.kmb.request.QueryResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * {@code publish --wait}: sends a command or query and prints each status as it comes. The exit
 * code says how it ended: 0 for DONE or data, 2 for ERROR or error, 3 for not_found, 5 when nobody
 * answers ({@code no_responders}) or an answer is late ({@code timeout}).
 */
final class RequestWaiter {
    private final Cli cli;
    private final Duration ackTimeout;
    private final Duration timeout;

    RequestWaiter(Cli cli, Duration ackTimeout, Duration timeout) {
        this.cli = cli;
        this.ackTimeout = ackTimeout;
        this.timeout = timeout;
    }

    int send(BusConnection bus, Envelope message, PublishOptions options) {
        try (KmbClient client = KmbClient.over(bus)) {
            return switch (message.type()) {
                case COMMAND -> command(client, message, options);
                case QUERY -> query(client, message, options);
                default -> throw notARequest(message.type());
            };
        } catch (CompletionException e) {
            throw e.getCause() instanceof KmbException kmb ? kmb : e;
        }
    }

    private int command(KmbClient client, Envelope message, PublishOptions options) {
        CommandHandle handle = client.command(message, new CommandOptions(ackTimeout, timeout, options));
        handle.onStatus(reply -> print(reply.status().wireName(), reply.payload(), reply.message()));
        CommandReply last = handle.completion().join();
        return last.status() == CommandStatus.DONE ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private int query(KmbClient client, Envelope message, PublishOptions options) {
        QueryResult result = client.query(message, timeout, options).join();
        print(result.status().wireName(), result.payload(), result.message());
        return switch (result.status()) {
            case DATA -> ExitCodes.OK;
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case ERROR -> ExitCodes.BAD_INPUT;
        };
    }

    private void print(String status, JsonNode payload, Envelope reply) {
        if (cli.json()) {
            ObjectNode line = Json.object().put("status", status).put("correlation_id",
                    reply.metadata().correlationId()).put("trace_id", reply.metadata().traceId());
            line.set("payload", payload);
            cli.println(Views.line(line));
        } else {
            cli.println(payload == null || payload.isNull() ? status : status + " " + Views.line(payload));
        }
    }

    /** Refuses --wait on a type that has no replies, before anything is sent. */
    static void requireRequest(MessageType type) {
        if (type != MessageType.COMMAND && type != MessageType.QUERY) {
            throw notARequest(type);
        }
    }

    private static KmbException notARequest(MessageType type) {
        return new KmbException(ErrorCode.BAD_REQUEST, "--wait needs --type command or --type query; "
                + type.wireName() + " messages get no replies");
    }
}
