package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor: one {@link ArrayBlockingQueue} per subscriber and nothing else. No routing, no
 * envelope stamping, no delivery record. With virtual threads it is also the floor for KMB's own
 * dispatchers, which take from the same kind of queue on a virtual thread each.
 */
final class QueueFanOut implements FanOut {
    private final List<BlockingQueue<Envelope>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();

    QueueFanOut(int subscribers, int capacity, Sink sink, boolean virtual) {
        for (int i = 0; i < subscribers; i++) {
            int index = i;
            BlockingQueue<Envelope> queue = new ArrayBlockingQueue<>(capacity);
            queues.add(queue);
            Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
            threads.add(builder.name("queue-sub-" + i).start(() -> drain(index, queue, sink)));
        }
    }

    private static void drain(int index, BlockingQueue<Envelope> queue, Sink sink) {
        try {
            while (true) {
                sink.received(index, queue.take());
            }
        } catch (InterruptedException e) {
            // close() interrupts: the subscriber is done.
        }
    }

    @Override
    public void publish(Envelope message) {
        for (BlockingQueue<Envelope> queue : queues) {
            // offer, not put: KMB never blocks a publisher on a slow subscriber either.
            if (!queue.offer(message)) {
                dropped.incrementAndGet();
            }
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
