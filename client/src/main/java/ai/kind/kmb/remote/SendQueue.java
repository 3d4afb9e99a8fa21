package ai.kind.kmb.remote;

import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One WebSocket's outgoing frames, from any thread, in call order. The JDK's WebSocket takes one
 * send at a time, so a frame sent while the socket is idle goes out at once on the caller's thread,
 * and frames sent while a send is in progress wait in a queue that whoever finishes a send works
 * off, in a loop rather than a chain of futures. A failed send fails its own frame only; the next
 * one is still tried.
 */
final class SendQueue {
    private record Outgoing(Function<WebSocket, CompletableFuture<WebSocket>> send, Consumer<Throwable> onFailure) {
    }

    private final Supplier<WebSocket> socket;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    /** Held by the one thread working the queue off; whoever sets it owns the socket's sending. */
    private final AtomicBoolean sending = new AtomicBoolean();

    SendQueue(Supplier<WebSocket> socket) {
        this.socket = socket;
    }

    /** Sends one whole text frame; {@code onFailure} hears why if it could not be sent. */
    void send(String text, Consumer<Throwable> onFailure) {
        enqueue(new Outgoing(ws -> ws.sendText(text, true), onFailure));
    }

    /** Sends the close frame after every frame sent before it. */
    void close(int code, String reason) {
        enqueue(new Outgoing(ws -> ws.sendClose(code, reason), error -> {
        }));
    }

    private void enqueue(Outgoing outgoing) {
        queue.add(outgoing);
        if (sending.compareAndSet(false, true)) {
            pump();
        }
    }

    /** Works the queue off while the socket completes sends at once; called holding {@code sending}. */
    private void pump() {
        while (true) {
            Outgoing next = queue.poll();
            if (next == null) {
                sending.set(false);
                // A frame queued after the poll but before the release found the flag still set: take it.
                if (queue.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            CompletableFuture<WebSocket> sent = start(next);
            if (!sent.isDone()) {
                sent.whenComplete((ws, error) -> {
                    finished(next, error);
                    pump();
                });
                return;
            }
            finished(next, sent.isCompletedExceptionally() ? sent.handle((ws, error) -> error).join() : null);
        }
    }

    private CompletableFuture<WebSocket> start(Outgoing outgoing) {
        try {
            return outgoing.send().apply(socket.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void finished(Outgoing outgoing, Throwable error) {
        if (error != null) {
            outgoing.onFailure().accept(error);
        }
    }
}
