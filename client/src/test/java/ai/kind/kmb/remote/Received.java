package ai.kind.kmb.remote;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that collects deliveries, and the threads they ran on, for tests to wait on. */
final class Received implements MessageHandler {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Delivery delivery) {
        threads.add(Thread.currentThread().getName());
        deliveries.add(delivery);
    }

    Delivery next() throws InterruptedException {
        Delivery delivery = deliveries.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no delivery within " + PATIENCE);
        }
        return delivery;
    }

    List<Delivery> next(int count) throws InterruptedException {
        List<Delivery> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(next());
        }
        return all;
    }

    List<Delivery> quietFor(Duration wait) throws InterruptedException {
        Thread.sleep(wait);
        List<Delivery> rest = new ArrayList<>();
        deliveries.drainTo(rest);
        return rest;
    }
}
