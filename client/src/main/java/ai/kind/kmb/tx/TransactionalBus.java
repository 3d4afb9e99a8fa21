package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A bus that takes transactions: messages staged under a transaction id reach nobody until the
 * commit, and then all of them, in order; an abort, the time-out or (over the network) the loss of
 * the connection that began it drops them all. The embedded broker and the remote client implement
 * it; {@link Transaction} is the SDK's handle on top.
 */
public interface TransactionalBus {

    /** Begins a transaction; completes with its id. */
    CompletableFuture<String> beginTransaction(TransactionOptions options);

    /** Stages a message; the ack has its id and offset {@link PublishAck#NOT_STORED} until the commit. */
    CompletableFuture<PublishAck> publishInTransaction(String transactionId, Envelope message);

    /** Makes every staged message visible at once, in order; completes with their acks in that order. */
    CompletableFuture<List<PublishAck>> commitTransaction(String transactionId);

    /** Drops every staged message; nobody ever sees one. */
    CompletableFuture<Void> abortTransaction(String transactionId);
}
