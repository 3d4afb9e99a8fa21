package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A transaction begun through {@link ai.kind.kmb.KmbClient#transaction()}: publish any number of
 * messages on any topics, then commit (all become visible, in order) or abort (none ever does).
 * With participants, the commit first asks each to vote (see {@link VoteRound}); a no or a missing
 * vote rolls everything back. Closing a transaction that was not committed aborts it.
 */
public final class Transaction implements AutoCloseable {
    private final String id;
    private final TransactionalBus bus;
    private final UnaryOperator<Envelope> outgoing;
    private final VoteRound votes;
    private final Set<String> participants = new LinkedHashSet<>();
    private final Set<String> topics = new LinkedHashSet<>();
    private Duration voteTimeout = Duration.ofSeconds(5);
    private int staged;
    private boolean settled;

    /** {@code outgoing} prepares each message as the client prepares any publish (trace, transformers). */
    public Transaction(String id, TransactionalBus bus, UnaryOperator<Envelope> outgoing, VoteRound votes) {
        this.id = id;
        this.bus = bus;
        this.outgoing = outgoing;
        this.votes = votes;
    }

    public String id() {
        return id;
    }

    /** Stages a message; nobody sees it before the commit. */
    public synchronized CompletableFuture<PublishAck> publish(Envelope message) {
        requireOpen();
        staged++;
        topics.add(message.topic());
        return bus.publishInTransaction(id, outgoing.apply(message));
    }

    /** Asks the subscriber of {@code topic} to vote before the commit, and tells it the outcome. */
    public synchronized Transaction participant(String topic) {
        requireOpen();
        participants.add(topic);
        return this;
    }

    /** How long the participants have to vote (5 s unless set); silence past it is a no. */
    public synchronized Transaction voteTimeout(Duration timeout) {
        this.voteTimeout = timeout;
        return this;
    }

    /**
     * Commits: completes with the outcome, committed or rolled back by the vote; fails if the broker
     * refused the commit (the transaction timed out, say), in which case nothing was delivered either.
     */
    public CompletableFuture<TransactionOutcome> commit() {
        List<String> asked;
        VoteRound.Summary summary;
        synchronized (this) {
            requireOpen();
            settled = true;
            asked = List.copyOf(participants);
            summary = new VoteRound.Summary(id, staged, new ArrayList<>(topics));
        }
        if (asked.isEmpty()) {
            return bus.commitTransaction(id).thenApply(acks -> TransactionOutcome.committed(id, acks));
        }
        return votes.collect(summary, asked, voteTimeout).thenCompose(refusal -> {
            if (refusal != null) {
                return bus.abortTransaction(id).thenApply(done -> {
                    votes.tell(asked, id, TxPhase.ROLLBACK, refusal);
                    return TransactionOutcome.rolledBack(id, refusal);
                });
            }
            return bus.commitTransaction(id).whenComplete((acks, failure) -> votes.tell(asked, id,
                    failure == null ? TxPhase.COMMIT : TxPhase.ROLLBACK,
                    failure == null ? null : "the commit failed: " + failure.getMessage()))
                    .thenApply(acks -> TransactionOutcome.committed(id, acks));
        });
    }

    /** Drops everything staged; participants are told nothing, since none was asked yet. */
    public CompletableFuture<Void> abort() {
        synchronized (this) {
            if (settled) {
                return CompletableFuture.completedFuture(null);
            }
            settled = true;
        }
        return bus.abortTransaction(id);
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void requireOpen() {
        if (settled) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "transaction " + id + " is already committed or aborted");
        }
    }
}
