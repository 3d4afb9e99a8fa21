package ai.kind.kmb.remote;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.tx.TransactionOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Transactions over the protocol's {@code txbegin}, {@code pub} with {@code tx}, {@code txcommit}
 * and {@code txabort}. None is ever resent after a reconnect: the server rolled the transaction
 * back when the connection that began it closed, so a commit on the new connection is refused with
 * {@code not_found} rather than half-applied.
 */
final class RemoteTransactions {
    private final RemoteBus bus;

    RemoteTransactions(RemoteBus bus) {
        this.bus = bus;
    }

    CompletableFuture<String> begin(TransactionOptions options) {
        return bus.call("begin a transaction", req -> new Frame.TxBegin(req, options.timeout().toMillis(),
                options.durable()), false).thenApply(answer -> {
                    if (!(answer instanceof Frame.TxStarted started)) {
                        throw Failures.unexpected("txbegin", answer);
                    }
                    return started.tx();
                });
    }

    CompletableFuture<PublishAck> publish(String tx, Envelope message) {
        Envelope identified = message.id() == null ? message.withId(UUID.randomUUID().toString()) : message;
        String what = "publish to '" + message.topic() + "' in " + tx;
        return bus.call(what, req -> new Frame.Pub(req, identified, null, tx), false).thenApply(answer -> {
            if (!(answer instanceof Frame.PubAck ack)) {
                throw Failures.unexpected(what, answer);
            }
            return new PublishAck(ack.id(), ack.offset(), ack.duplicate());
        });
    }

    CompletableFuture<List<PublishAck>> commit(String tx) {
        return bus.call("commit " + tx, req -> new Frame.TxCommit(req, tx), false).thenApply(answer -> {
            if (!(answer instanceof Frame.TxCommitted committed)) {
                throw Failures.unexpected("txcommit", answer);
            }
            return committed.acks().stream().map(ack -> new PublishAck(ack.id(), ack.offset(), false)).toList();
        });
    }

    CompletableFuture<Void> abort(String tx) {
        return bus.call("abort " + tx, req -> new Frame.TxAbort(req, tx), false).thenApply(answer -> {
            if (!(answer instanceof Frame.Ok)) {
                throw Failures.unexpected("txabort", answer);
            }
            return null;
        });
    }
}
