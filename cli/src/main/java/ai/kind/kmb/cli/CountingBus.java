package ai.kind.kmb.cli;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bus whose subscriptions pass on their first {@code limit} deliveries and then request the stop,
 * so that {@code record --count N} writes exactly N messages through the SDK's {@code Recorder},
 * which knows no count. Closing it leaves the bus underneath open.
 */
final class CountingBus implements Bus {
    private final Bus bus;
    private final long limit;
    private final StopSignal stop;
    private final AtomicLong passed = new AtomicLong();

    CountingBus(Bus bus, long limit, StopSignal stop) {
        this.bus = bus;
        this.limit = limit;
        this.stop = stop;
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        return bus.publish(message, options);
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        return bus.subscribe(options, delivery -> {
            long number = passed.incrementAndGet();
            if (number <= limit) {
                handler.onMessage(delivery);
            }
            if (number == limit) {
                stop.request();
            }
        });
    }

    @Override
    public void close() {
        // The underlying bus belongs to the command, which closes it.
    }
}
