package ai.kind.kmb.outbox;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.remote.RemoteBus;
import ai.kind.kmb.remote.RemoteBusOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A remote client with an outbox on local disk. Every publish is written to the outbox first
 * (synced to disk, its id and timestamp fixed then) and one relay thread hands the messages to the
 * broker in that order, each until the broker acknowledges it. So a message published while the
 * broker is out of reach is delivered when it is back, and one left by a client that stopped (or
 * died) is delivered by the next client opened on the same directory. A message the broker took
 * but whose delivery was not yet marked is sent again with the same id, which the broker's dedup
 * window turns into one message.
 *
 * <p>{@link #publish} completes when the broker acknowledges the message, like any {@link Bus}, and
 * never times out while the broker is away; {@link #enqueue} returns as soon as the message is on
 * disk, with the acknowledgement to come as a separate future. Subscriptions are the remote
 * client's own.
 */
public final class OutboxBus implements Bus {
    private final RemoteBus remote;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Object order = new Object();
    private final Map<Long, CompletableFuture<PublishAck>> awaiting = new HashMap<>();

    private OutboxBus(RemoteBus remote, Outbox outbox, Consumer<KmbException> refused) {
        this.remote = remote;
        this.outbox = outbox;
        this.relay = new OutboxRelay(outbox, remote, this::settle, refused);
    }

    /**
     * Opens the outbox in {@code directory} and starts the client, which connects in the background:
     * an unreachable broker is not an error here, only a reason to keep messages in the outbox.
     * {@code refused} hears of a message the broker refused for good (invalid, forbidden, too
     * large); it leaves the outbox so that the messages behind it can go.
     */
    public static OutboxBus open(RemoteBusOptions options, Path directory, Consumer<KmbException> refused) {
        Outbox outbox = Outbox.open(directory, Clock.systemUTC());
        RemoteBus remote;
        try {
            remote = RemoteBus.start(options);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
        OutboxBus bus = new OutboxBus(remote, outbox, refused);
        bus.relay.start();
        return bus;
    }

    /** The remote client, for its connection listeners and {@code ping}. */
    public RemoteBus remote() {
        return remote;
    }

    /** What opening the outbox found, a torn tail included. */
    public OutboxRecovery recovery() {
        return outbox.recovery();
    }

    /** Messages on disk that the broker does not have yet. */
    public int pending() {
        return outbox.pending().size();
    }

    /** Writes the message to the outbox; returns once it is on disk. The receipt's future is the broker's ack. */
    public Receipt enqueue(Envelope message, PublishOptions options) {
        CompletableFuture<PublishAck> delivered = new CompletableFuture<>();
        OutboxEntry entry;
        // Registered under the relay's order: the relay may deliver the entry before add returns.
        synchronized (order) {
            entry = outbox.add(message, options.durable());
            awaiting.put(entry.sequence(), delivered);
        }
        return new Receipt(entry.message().id(), delivered);
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        try {
            return enqueue(message, options).delivered();
        } catch (KmbException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        return remote.subscribe(options, handler);
    }

    private void settle(OutboxEntry entry, PublishAck ack, KmbException failure) {
        CompletableFuture<PublishAck> waiter;
        synchronized (order) {
            waiter = awaiting.remove(entry.sequence());
        }
        if (waiter != null) {
            if (failure == null) {
                waiter.complete(ack);
            } else {
                waiter.completeExceptionally(failure);
            }
        }
    }

    /**
     * Stops the relay and the client. Messages not yet delivered stay in the outbox for the next
     * client on the directory; their publish futures fail with {@code unavailable} saying so.
     */
    @Override
    public void close() {
        relay.close();
        remote.close();
        outbox.close();
        KmbException left = new KmbException(ErrorCode.UNAVAILABLE, "the client closed before the broker had the"
                + " message; it stays in the outbox " + outbox.directory() + " for the next client opened on it");
        synchronized (order) {
            awaiting.values().forEach(waiter -> waiter.completeExceptionally(left));
            awaiting.clear();
        }
    }

    /** A message on disk: its id (fixed for every send) and the broker's acknowledgement to come. */
    public record Receipt(String id, CompletableFuture<PublishAck> delivered) {
    }
}
