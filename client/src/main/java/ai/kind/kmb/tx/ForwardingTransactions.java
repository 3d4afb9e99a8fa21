package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes transactions by handing each call to the bus underneath: the Studio's and kmbctl's
 * connections, which wrap the embedded broker or a remote client, so {@code KmbClient.over(connection)}
 * runs transactions as it does over those.
 */
public interface ForwardingTransactions extends TransactionalBus {

    /** The bus that runs the transactions. */
    TransactionalBus transactionBus();

    @Override
    default CompletableFuture<String> beginTransaction(TransactionOptions options) {
        return transactionBus().beginTransaction(options);
    }

    @Override
    default CompletableFuture<PublishAck> publishInTransaction(String transactionId, Envelope message) {
        return transactionBus().publishInTransaction(transactionId, message);
    }

    @Override
    default CompletableFuture<List<PublishAck>> commitTransaction(String transactionId) {
        return transactionBus().commitTransaction(transactionId);
    }

    @Override
    default CompletableFuture<Void> abortTransaction(String transactionId) {
        return transactionBus().abortTransaction(transactionId);
    }
}
