package ai.kind.kmb.remote;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that collects deliveries for tests to wait on. */
final class Received implements MessageHandler {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Delivery delivery) {
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

    /** Waits a little and returns whatever else arrived: for checking that nothing more comes. */
    List<Delivery> quietFor(Duration wait) throws InterruptedException {
        Thread.sleep(wait);
        List<Delivery> rest = new ArrayList<>();
        deliveries.drainTo(rest);
        return rest;
    }
}
