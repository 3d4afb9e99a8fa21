package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.protocol.Frame.ClientFrame;
import ai.kind.kmb.protocol.Frame.ServerFrame;
import ai.kind.kmb.protocol.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection to the server: serialized sends, answers matched to requests by
 * {@code req}, and deliveries handed to their subscription. A session is never reused; when it
 * closes, every request still waiting on it fails with {@link Failures.LinkLost}.
 *
 * <p>Backpressure: the socket is asked for a window of frames ahead ({@link ReadWindow}). A delivery
 * whose subscription queue is full holds the window back until that subscription has room, so a
 * slow handler slows the socket (and, through TCP, the server) instead of filling this process's
 * memory.
 *
 * <p>The JDK's WebSocket (checked on 25) loses a connection that ends without a close frame while
 * no read is requested: during a listener callback, or while a delivery is held back. Its transport
 * then calls {@code acknowledgeReception} with no demand, which throws inside the selector thread,
 * and neither {@code onClose} nor {@code onError} ever comes. {@link Link}'s heartbeat is what
 * notices such a connection; it asks {@link #isHoldingBack()} so as not to blame the server for
 * silence the client chose.
 */
final class Session implements WebSocket.Listener {

    /** Where frames that answer no request go. */
    interface Inbound {
        /** Hands a delivery over; false when its queue is full, and {@code resume} runs once it has room. */
        boolean deliver(Frame.Msg msg, Runnable resume);

        /** A failure no request is waiting for: an error frame without req, an unreadable frame. */
        void stray(KmbException error);
    }

    /** A request waiting for its answer until its deadline ({@link System#nanoTime()}). */
    private record Pending(CompletableFuture<ServerFrame> answer, long deadline) {
    }

    private final Inbound inbound;
    private final RequestTimeouts timeouts;
    private final RequestTimeouts.Watched expiry = this::expire;
    private final StringBuilder partial = new StringBuilder();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final SendQueue sender = new SendQueue(() -> this.socket);
    private final ReadWindow window = new ReadWindow();
    private volatile long lastHeard = System.nanoTime();
    private volatile WebSocket socket;

    private Session(Inbound inbound, RequestTimeouts timeouts) {
        this.inbound = inbound;
        this.timeouts = timeouts;
    }

    static CompletableFuture<Session> open(HttpClient http, URI uri, Duration timeout, Inbound inbound,
                                           RequestTimeouts timeouts) {
        Session session = new Session(inbound, timeouts);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, session).thenApply(socket -> {
            session.socket = socket;
            timeouts.watch(session.expiry);
            if (session.isClosed()) {
                // Closed before it was watched (the server hung up at once): nothing to time out.
                timeouts.forget(session.expiry);
            }
            return session;
        });
    }

    /**
     * Sends a request; the answer completes the future, an error frame fails it with its code, and
     * past {@code timeout} it fails with {@link TimeoutException}.
     */
    CompletableFuture<ServerFrame> request(ClientFrame frame, Duration timeout) {
        CompletableFuture<ServerFrame> answer = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        pending.put(frame.req(), new Pending(answer, deadline));
        // Checked after registering: closing fails what is registered, so nothing is left hanging.
        if (closed.isDone()) {
            pending.remove(frame.req());
            return CompletableFuture.failedFuture(new Failures.LinkLost(closed.join()));
        }
        timeouts.added(deadline);
        sender.send(FrameCodec.write(frame), error -> {
            pending.remove(frame.req());
            answer.completeExceptionally(new Failures.LinkLost("could not send: " + Failures.describe(error)));
        });
        return answer;
    }

    /** Fails the requests past their deadline; the earliest deadline left, or {@code horizon}. */
    private long expire(long now, long horizon) {
        long earliest = horizon;
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            Pending request = entry.getValue();
            if (request.deadline() - now <= 0) {
                if (pending.remove(entry.getKey(), request)) {
                    request.answer().completeExceptionally(new TimeoutException());
                }
            } else if (request.deadline() - earliest < 0) {
                earliest = request.deadline();
            }
        }
        return earliest;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Waits until the session closes or the time is up; true if it closed. */
    boolean awaitClosed(Duration wait) throws InterruptedException {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** True while a delivery waits for room: the socket is not being read, so silence proves nothing. */
    boolean isHoldingBack() {
        return window.isHoldingBack();
    }

    /** True if a whole frame arrived after {@code nanoTime}: any traffic shows the server is there. */
    boolean heardSince(long nanoTime) {
        return lastHeard - nanoTime > 0;
    }

    String closeReason() {
        return closed.getNow(null);
    }

    /** Closes with 1000 and waits a little for the server's close; drops the connection if it does not come. */
    void closeNormally(Duration wait) throws InterruptedException {
        if (socket != null && !closed.isDone()) {
            sender.close(WebSocket.NORMAL_CLOSURE, "client closed");
            awaitClosed(wait);
        }
        abort("the client closed the connection");
    }

    /** Drops the connection at once: for a peer that stopped answering. */
    void abort(String why) {
        if (socket != null) {
            socket.abort();
        }
        markClosed(why);
    }

    private void markClosed(String why) {
        if (closed.complete(why)) {
            timeouts.forget(expiry);
            List.copyOf(pending.values()).forEach(request -> request.answer()
                    .completeExceptionally(new Failures.LinkLost(why)));
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        window.open(webSocket);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
            window.handled(webSocket);
            return null;
        }
        String text;
        if (partial.isEmpty()) {
            // The usual whole frame in one piece: one copy, not two.
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        receive(text, webSocket);
        return null;
    }

    private void receive(String text, WebSocket webSocket) {
        lastHeard = System.nanoTime();
        ServerFrame frame;
        try {
            frame = FrameCodec.readServerFrame(text);
        } catch (KmbException e) {
            inbound.stray(e);
            window.handled(webSocket);
            return;
        }
        switch (frame) {
            case Frame.Msg msg -> {
                Runnable resume = window.holdBack(webSocket);
                if (inbound.deliver(msg, resume)) {
                    resume.run();
                }
                return;
            }
            case Frame.Error error when error.req() == null -> inbound.stray(Failures.fromErrorFrame(error));
            case Frame.Error error -> answer(error.req(), null, Failures.fromErrorFrame(error));
            case Frame.Welcome welcome -> answer(welcome.req(), welcome, null);
            case Frame.PubAck ack -> answer(ack.req(), ack, null);
            case Frame.SubOk ok -> answer(ok.req(), ok, null);
            case Frame.Ok ok -> answer(ok.req(), ok, null);
            case Frame.Pong pong -> answer(pong.req(), pong, null);
            case Frame.TxStarted started -> answer(started.req(), started, null);
            case Frame.TxCommitted committed -> answer(committed.req(), committed, null);
        }
        window.handled(webSocket);
    }

    /** An answer whose request already timed out finds nobody waiting and is dropped. */
    private void answer(long req, ServerFrame frame, KmbException error) {
        Pending waiting = pending.remove(req);
        if (waiting == null) {
            return;
        }
        if (error != null) {
            waiting.answer().completeExceptionally(error);
        } else {
            waiting.answer().complete(frame);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last) {
            inbound.stray(new KmbException(ErrorCode.INTERNAL, "the server sent a binary frame; the protocol is text"));
        }
        window.handled(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        markClosed("closed by the server (" + statusCode + (reason.isEmpty() ? "" : ": " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        markClosed(Failures.describe(error));
    }
}
