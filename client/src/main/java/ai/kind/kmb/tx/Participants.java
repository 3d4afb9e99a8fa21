package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.request.Responders;
import ai.kind.kmb.request.Replies;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Turns a {@link TransactionParticipant} into the handler of its topic: votes on prepare, hears the outcome. */
public final class Participants {
    private Participants() {
    }

    public static MessageHandler handler(TransactionParticipant participant,
                                         BiFunction<Envelope, PublishOptions, CompletableFuture<PublishAck>> publisher) {
        return delivery -> {
            Envelope message = delivery.message();
            String tx = message.metadata().headers().get(TxPhase.HEADER);
            if (message.type() != MessageType.TRANSACTIONAL || tx == null || message.metadata().status() == null) {
                return;
            }
            switch (message.metadata().status()) {
                case TxPhase.PREPARE -> {
                    Vote vote;
                    try {
                        vote = participant.prepare(message);
                    } catch (Exception e) {
                        vote = Vote.no(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    }
                    if (message.metadata().replyTo() != null) {
                        publisher.apply(Replies.to(message, vote.status(), vote.payload()),
                                Responders.replyOptions(delivery));
                    }
                }
                case TxPhase.COMMIT -> participant.committed(tx);
                case TxPhase.ROLLBACK -> participant.rolledBack(tx, message.payload().path("reason").asText(null));
                default -> { }
            }
        };
    }
}
