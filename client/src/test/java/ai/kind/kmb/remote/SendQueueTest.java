package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The JDK's WebSocket takes one send at a time. Frames from any number of threads go out one after
 * the other in call order, none twice and none lost; an idle socket gets a frame at once; a failed
 * send fails that frame alone.
 */
class SendQueueTest {

    private final ScriptedSocket socket = new ScriptedSocket();
    private final SendQueue queue = new SendQueue(() -> socket);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Test
    void aFrameForAnIdleSocketGoesOutAtOnce() {
        queue.send("one", failures::add);

        assertThat(socket.sent).containsExactly("one");
    }

    @Test
    void framesSentDuringASendWaitAndThenLeaveInOrderOneAtATime() {
        socket.finishAtOnce = false;
        queue.send("first", failures::add);
        queue.send("second", failures::add);
        queue.send("third", failures::add);
        assertThat(socket.sent).containsExactly("first");

        socket.finishAtOnce = true;
        socket.inProgress.getFirst().complete(socket);

        assertThat(socket.sent).containsExactly("first", "second", "third");
        assertThat(socket.mostOutstanding).hasValue(1);
        assertThat(failures).isEmpty();
    }

    @Test
    void aFailedSendFailsItsOwnFrameAndTheNextStillGoesOut() {
        socket.failing = "bad";
        queue.send("bad", failures::add);
        queue.send("good", failures::add);

        assertThat(socket.sent).containsExactly("bad", "good");
        assertThat(failures).singleElement().satisfies(error ->
                assertThat(Failures.unwrap(error)).hasMessage("broken pipe"));
    }

    @Test
    void theCloseFrameGoesAfterEverythingSentBeforeIt() {
        socket.finishAtOnce = false;
        queue.send("last words", failures::add);
        queue.close(1000, "client closed");
        socket.inProgress.getFirst().complete(socket);

        assertThat(socket.sent).containsExactly("last words", "close 1000");
    }

    @Test
    void framesFromManyThreadsAllLeaveOnceEachInEachThreadsOrder() throws Exception {
        int threads = 8;
        int frames = 2_000;
        socket.finishAtOnce = false;
        // Finishes sends on a thread of its own, so that the queue is worked off from there as well.
        Thread finisher = Thread.ofPlatform().start(() -> {
            int finished = 0;
            while (finished < threads * frames) {
                if (finished < socket.inProgress.size()) {
                    socket.inProgress.get(finished++).complete(socket);
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        try (ExecutorService senders = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.submit(() -> {
                    for (int n = 0; n < frames; n++) {
                        queue.send(thread + ":" + n, failures::add);
                    }
                });
            }
        }
        finisher.join(30_000);

        assertThat(socket.sent).hasSize(threads * frames);
        Map<String, Integer> next = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String frame : socket.sent) {
            String[] parts = frame.split(":");
            int expected = next.getOrDefault(parts[0], 0);
            if (Integer.parseInt(parts[1]) != expected) {
                outOfOrder.add(frame);
            }
            next.put(parts[0], expected + 1);
        }
        assertThat(outOfOrder).isEmpty();
        assertThat(socket.mostOutstanding).hasValue(1);
        assertThat(failures).isEmpty();
    }
}
