package ai.kind.kmb.request;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Turns command and query handlers into message handlers that reply on their own. Messages of other
 * types on the same topics are left alone; a query without {@code reply_to} is answered to nobody.
 * Replies to a request that was stored (durable) are stored too.
 */
public final class Responders {
    private Responders() {
    }

    public static MessageHandler commands(CommandHandler handler,
                                          BiFunction<Envelope, PublishOptions, CompletableFuture<PublishAck>> publisher) {
        return delivery -> {
            if (delivery.message().type() != MessageType.COMMAND) {
                return;
            }
            IncomingCommand command = new IncomingCommand(delivery.message(), reply -> publisher.apply(reply,
                    replyOptions(delivery)));
            try {
                handler.handle(command);
            } catch (Exception e) {
                command.error(describe(e));
                return;
            }
            if (!command.isFinished()) {
                command.done(null);
            }
        };
    }

    public static MessageHandler queries(QueryHandler handler,
                                         BiFunction<Envelope, PublishOptions, CompletableFuture<PublishAck>> publisher) {
        return delivery -> {
            Envelope query = delivery.message();
            if (query.type() != MessageType.QUERY) {
                return;
            }
            QueryAnswer answer;
            try {
                answer = handler.answer(query);
            } catch (Exception e) {
                answer = QueryAnswer.error(describe(e));
            }
            if (query.metadata().replyTo() != null) {
                publisher.apply(Replies.to(query, answer.status().wireName(), answer.payload()), replyOptions(delivery));
            }
        };
    }

    /** A stored request gets stored replies, so its trace is whole in history; a live one, live replies. */
    public static PublishOptions replyOptions(Delivery request) {
        return request.offset() >= 0 ? PublishOptions.DURABLE : PublishOptions.DEFAULT;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
