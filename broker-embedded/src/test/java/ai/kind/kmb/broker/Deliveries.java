package ai.kind.kmb.broker;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that collects what it receives, for tests to wait on. */
public final class Deliveries implements MessageHandler {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Delivery delivery) {
        received.add(delivery);
    }

    public Delivery next() {
        try {
            Delivery delivery = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (delivery == null) {
                throw new AssertionError("no delivery within " + PATIENCE);
            }
            return delivery;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public List<Delivery> next(int count) {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deliveries.add(next());
        }
        return deliveries;
    }

    /** Waits a little and returns whatever else arrived: for checking that nothing more comes. */
    public List<Delivery> quietFor(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        List<Delivery> rest = new ArrayList<>();
        received.drainTo(rest);
        return rest;
    }
}
