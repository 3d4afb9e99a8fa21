package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.tx.TransactionOptions;
import ai.kind.kmb.tx.TransactionalBus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's transactions. A connection may only stage into, commit or abort those it began,
 * and closing it rolls back every one still open, so a publisher that dies mid-transaction leaves
 * nothing behind for any subscriber.
 */
final class SessionTransactions {
    /** The longest time-out a client may ask for; a forgotten transaction holds memory until then. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private final TransactionalBus bus;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();

    SessionTransactions(TransactionalBus bus) {
        this.bus = bus;
    }

    CompletableFuture<Frame.ServerFrame> begin(Frame.TxBegin begin) {
        Duration timeout = begin.timeoutMs() == null ? TransactionOptions.DEFAULT_TIMEOUT
                : Duration.ofMillis(begin.timeoutMs());
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            String reason = "must be between 1 and " + MAX_TIMEOUT.toMillis() + ", got " + begin.timeoutMs();
            throw new KmbException(ErrorCode.BAD_REQUEST, "timeout_ms " + reason,
                    List.of(new ErrorDetail("timeout_ms", reason)));
        }
        return bus.beginTransaction(new TransactionOptions(timeout, begin.durable())).thenApply(tx -> {
            mine.add(tx);
            return new Frame.TxStarted(begin.req(), tx, timeout.toMillis());
        });
    }

    CompletableFuture<Frame.ServerFrame> publish(Frame.Pub pub) {
        requireMine(pub.tx());
        if (pub.durable() != null) {
            String reason = "is set by txbegin for the whole transaction, not per message";
            throw new KmbException(ErrorCode.BAD_REQUEST, "durable " + reason, List.of(new ErrorDetail("durable", reason)));
        }
        return bus.publishInTransaction(pub.tx(), pub.msg())
                .thenApply(ack -> new Frame.PubAck(pub.req(), ack.id(), ack.offset(), ack.duplicate()));
    }

    CompletableFuture<Frame.ServerFrame> commit(Frame.TxCommit commit) {
        requireMine(commit.tx());
        mine.remove(commit.tx());
        return bus.commitTransaction(commit.tx()).thenApply(acks -> new Frame.TxCommitted(commit.req(), commit.tx(),
                acks.stream().map(ack -> new Frame.Committed(ack.id(), ack.offset())).toList()));
    }

    CompletableFuture<Frame.ServerFrame> abort(Frame.TxAbort abort) {
        requireMine(abort.tx());
        mine.remove(abort.tx());
        return bus.abortTransaction(abort.tx()).thenApply(done -> new Frame.Ok(abort.req()));
    }

    /** Rolls back whatever this connection left open. */
    void abortAll() {
        for (String tx : List.copyOf(mine)) {
            mine.remove(tx);
            bus.abortTransaction(tx);
        }
    }

    private void requireMine(String tx) {
        if (!mine.contains(tx)) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no open transaction '" + tx + "' on this connection: it was "
                    + "committed, aborted, timed out, or begun on another connection",
                    List.of(new ErrorDetail("tx", "is not open on this connection")));
        }
    }
}
