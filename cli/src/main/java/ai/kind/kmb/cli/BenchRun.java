package ai.kind.kmb.cli;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * One bench run. Each publisher has a connection of its own, as separate agents would, and one
 * more connection tails the topic. Every payload carries the time it was due to be sent, so the
 * latency from publish to receive includes any time a publisher fell behind its schedule
 * (measuring from the actual send would hide that: coordinated omission). All clocks are this
 * process's {@code System.nanoTime()}, so no clock skew enters.
 */
final class BenchRun {
    /** The payload's fields other than the padding take about this many bytes. */
    static final int PAYLOAD_OVERHEAD = 48;
    private static final long HIGHEST_MICROS = Duration.ofMinutes(10).toNanos() / 1000;

    private final BenchSettings settings;
    private final Cli cli;
    private final String padding;
    private final ConcurrentHistogram endToEnd = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final ConcurrentHistogram acknowledgement = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final AtomicLong lastAckAt = new AtomicLong();
    private volatile long lastReceivedAt;

    BenchRun(BenchSettings settings, Cli cli) {
        this.settings = settings;
        this.cli = cli;
        this.padding = "x".repeat(Math.max(0, settings.size() - PAYLOAD_OVERHEAD));
    }

    BenchReport run() throws InterruptedException {
        cli.stop().watch();
        List<BusConnection> connections = new ArrayList<>();
        try {
            for (int i = 0; i <= settings.publishers(); i++) {
                connections.add(cli.connect());
            }
            Subscription tail = connections.getFirst().subscribe(SubscribeOptions.ephemeral(settings.topic())
                    .withMaxInflight(10_000), this::received);
            long start = System.nanoTime();
            lastAckAt.set(start);
            lastReceivedAt = start;
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < settings.publishers(); p++) {
                BusConnection bus = connections.get(p + 1);
                int index = p;
                publishers.add(Thread.ofPlatform().name("kmbctl-bench-" + p).start(() -> publish(bus, index, start)));
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            awaitDeliveries();
            tail.close();
            return new BenchReport(settings, acked.sum(), failed.sum(), received.get(),
                    Duration.ofNanos(lastAckAt.get() - start), Duration.ofNanos(lastReceivedAt - start),
                    BenchReport.Latency.of(endToEnd), BenchReport.Latency.of(acknowledgement), firstFailure.get());
        } finally {
            connections.forEach(BusConnection::close);
        }
    }

    /** Publisher {@code index}'s share, each message due at its slot of the schedule when a rate is set. */
    private void publish(BusConnection bus, int index, long start) {
        long share = settings.count() / settings.publishers() + (index < settings.count() % settings.publishers() ? 1 : 0);
        long interval = settings.rate() > 0 ? Math.round(1e9 * settings.publishers() / settings.rate()) : 0;
        long offset = settings.rate() > 0 ? Math.round(1e9 * index / settings.rate()) : 0;
        PublishOptions options = new PublishOptions(settings.durable());
        Semaphore window = new Semaphore(settings.window());
        for (long k = 0; k < share && !cli.stop().isRequested(); k++) {
            long due = start + offset + k * interval;
            if (interval > 0) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            window.acquireUninterruptibly();
            long sentAt = System.nanoTime();
            Envelope message = Envelope.event(settings.topic(), Json.object().put("publisher", index).put("seq", k)
                    .put("due_ns", interval > 0 ? due : sentAt).put("pad", padding));
            try {
                bus.publish(message, options).whenComplete((ack, error) -> settled(sentAt, error, window));
            } catch (RuntimeException e) {
                settled(sentAt, e, window);
            }
        }
        window.acquireUninterruptibly(settings.window());
    }

    private void settled(long sentAt, Throwable error, Semaphore window) {
        long now = System.nanoTime();
        if (error == null) {
            acknowledgement.recordValue(Math.min(HIGHEST_MICROS, (now - sentAt) / 1000));
            acked.increment();
            lastAckAt.accumulateAndGet(now, Math::max);
        } else {
            failed.increment();
            firstFailure.compareAndSet(null, error);
        }
        window.release();
    }

    private void received(Delivery delivery) {
        long now = System.nanoTime();
        long due = delivery.message().payload().path("due_ns").asLong(now);
        endToEnd.recordValue(Math.clamp((now - due) / 1000, 0, HIGHEST_MICROS));
        received.incrementAndGet();
        lastReceivedAt = now;
    }

    /** Waits until every acknowledged message arrived, the drain time passed, or Ctrl-C. */
    private void awaitDeliveries() throws InterruptedException {
        long deadline = System.nanoTime() + settings.drain().toNanos();
        while (received.get() < acked.sum() && System.nanoTime() < deadline && !cli.stop().isRequested()) {
            Thread.sleep(5);
        }
    }
}
