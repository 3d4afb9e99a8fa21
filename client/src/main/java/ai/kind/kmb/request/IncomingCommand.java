package ai.kind.kmb.request;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A command as its handler sees it, with the three replies it can send. Replies go to the
 * command's {@code reply_to}; a command without one is handled and nobody is told. After DONE or
 * ERROR further replies are ignored, so a handler cannot finish a command twice.
 */
public final class IncomingCommand {
    private final Envelope message;
    private final Function<Envelope, CompletableFuture<PublishAck>> publisher;
    private boolean finished;

    IncomingCommand(Envelope message, Function<Envelope, CompletableFuture<PublishAck>> publisher) {
        this.message = message;
        this.publisher = publisher;
    }

    public Envelope message() {
        return message;
    }

    public JsonNode payload() {
        return message.payload();
    }

    /** Tells the sender the work has started; its ACK time-out stops and its completion time-out starts. */
    public CompletableFuture<PublishAck> ack() {
        return send(CommandStatus.ACK, NullNode.getInstance());
    }

    public CompletableFuture<PublishAck> done(JsonNode result) {
        return send(CommandStatus.DONE, result);
    }

    public CompletableFuture<PublishAck> error(String reason) {
        return send(CommandStatus.ERROR, Replies.reasonPayload(reason));
    }

    public synchronized boolean isFinished() {
        return finished;
    }

    private CompletableFuture<PublishAck> send(CommandStatus status, JsonNode payload) {
        synchronized (this) {
            if (finished || message.metadata().replyTo() == null) {
                return CompletableFuture.completedFuture(null);
            }
            finished = status.isFinal();
        }
        return publisher.apply(Replies.to(message, status.wireName(), payload));
    }
}
