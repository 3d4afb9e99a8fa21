package ai.kind.kmb.broker.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.tx.TransactionOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The broker's open transactions. A staged message passes the publish pipeline at once, so a
 * refusal comes back to its pub; it is kept here, seen by nobody, until the commit hands the lot
 * to the {@link Committer} in order. An abort or the time-out forgets them.
 */
public final class Transactions {
    /** The most messages one transaction may stage; past it a pub is refused with {@code too_large}. */
    public static final int MAX_MESSAGES = 10_000;

    /** Delivers a committed transaction: all its messages, in order, durably or not. */
    @FunctionalInterface
    public interface Committer {
        CompletableFuture<List<PublishAck>> commit(List<Envelope> messages, boolean durable);
    }

    private final PublishPipeline pipeline;
    private final Committer committer;
    private final Clock clock;
    private final boolean durableByDefault;
    private final Map<String, OpenTransaction> open = new ConcurrentHashMap<>();

    public Transactions(PublishPipeline pipeline, Committer committer, Clock clock, boolean durableByDefault) {
        this.pipeline = pipeline;
        this.committer = committer;
        this.clock = clock;
        this.durableByDefault = durableByDefault;
    }

    public String begin(TransactionOptions options) {
        String id = "tx-" + UUID.randomUUID();
        open.put(id, new OpenTransaction(id, options.durable() != null ? options.durable() : durableByDefault));
        CompletableFuture.delayedExecutor(options.timeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (abort(id)) {
                System.getLogger(Transactions.class.getName()).log(System.Logger.Level.INFO,
                        "transaction {0} timed out after {1} ms and was rolled back", id, options.timeout().toMillis());
            }
        });
        return id;
    }

    public PublishAck stage(String id, Envelope message) {
        OpenTransaction transaction = get(id);
        if (transaction.size() >= MAX_MESSAGES) {
            throw new KmbException(ErrorCode.TOO_LARGE, "transaction " + id + " already holds " + MAX_MESSAGES
                    + " messages, the most one may stage; commit it and begin another");
        }
        Envelope stamped = message.stamped(clock.instant());
        Envelope accepted = switch (pipeline.run(stamped)) {
            case StepOutcome.Continue(Envelope passed) -> passed;
            case StepOutcome.Refuse(KmbException error) -> throw error;
            // Nothing of an uncommitted transaction is accepted yet, so a step's dead letter is a refusal here.
            case StepOutcome.DeadLetter letter -> throw new KmbException(letter.code(), letter.error());
            case StepOutcome.Drop drop -> null;
        };
        if (accepted != null && !transaction.stage(accepted)) {
            throw gone(id);
        }
        return new PublishAck(stamped.id(), PublishAck.NOT_STORED, false);
    }

    /** Commits: the committer's acks, or its failure, in which case nothing was delivered. */
    public CompletableFuture<List<PublishAck>> commit(String id) {
        OpenTransaction transaction = open.remove(id);
        List<Envelope> staged = transaction == null ? null : transaction.settle();
        if (staged == null) {
            return CompletableFuture.failedFuture(gone(id));
        }
        return committer.commit(staged, transaction.durable());
    }

    /** Rolls back; true if it was open. */
    public boolean abort(String id) {
        OpenTransaction transaction = open.remove(id);
        return transaction != null && transaction.settle() != null;
    }

    /** Transactions open now. */
    public int openCount() {
        return open.size();
    }

    private OpenTransaction get(String id) {
        OpenTransaction transaction = open.get(id);
        if (transaction == null) {
            throw gone(id);
        }
        return transaction;
    }

    private static KmbException gone(String id) {
        return new KmbException(ErrorCode.NOT_FOUND, "no open transaction '" + id + "': it was committed, aborted, "
                + "timed out, or the connection that began it closed", List.of(new ErrorDetail("tx", "is not open")));
    }
}
