package ai.kind.kmb.remote;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket for unit tests: it finishes each send when told to, or at once, and records what it was
 * given and how many frames it was asked for.
 */
final class ScriptedSocket implements WebSocket {
    final List<String> sent = new CopyOnWriteArrayList<>();
    /** Frames asked for so far, in all. */
    final AtomicLong requested = new AtomicLong();
    final List<CompletableFuture<WebSocket>> inProgress = new CopyOnWriteArrayList<>();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger mostOutstanding = new AtomicInteger();
    volatile boolean finishAtOnce = true;
    volatile String failing;

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        mostOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
        sent.add(data.toString());
        if (data.toString().equals(failing)) {
            outstanding.decrementAndGet();
            return CompletableFuture.failedFuture(new IOException("broken pipe"));
        }
        CompletableFuture<WebSocket> done = new CompletableFuture<>();
        // Counted down before the caller hears of it, as the JDK's socket is free again by then.
        CompletableFuture<WebSocket> told = done.thenApply(ws -> {
            outstanding.decrementAndGet();
            return ws;
        });
        if (finishAtOnce) {
            done.complete(this);
        } else {
            inProgress.add(done);
        }
        return told;
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        sent.add("close " + statusCode);
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void request(long n) {
        requested.addAndGet(n);
    }

    @Override
    public String getSubprotocol() {
        return "";
    }

    @Override
    public boolean isOutputClosed() {
        return false;
    }

    @Override
    public boolean isInputClosed() {
        return false;
    }

    @Override
    public void abort() {
    }
}
