package ai.kind.kmb.app.demo;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Two auditors sharing one durable consumer in a queue group: each intent event goes to one of
 * them, which takes a second or two to file it before acknowledging. So the durables view has,
 * beside the ingest worker, a group with members and deliveries in flight.
 */
final class AuditTrail {
    static final String DURABLE = "demo-audit";
    static final String GROUP = "auditors";
    static final String FILTER = "kmb.agent.intent.#";
    static final int MEMBERS = 2;

    private final DemoBus bus;
    private final ScheduledExecutorService timer;

    AuditTrail(DemoBus bus, ScheduledExecutorService timer) {
        this.bus = bus;
        this.timer = timer;
    }

    List<Subscription> start() {
        SubscribeOptions options = SubscribeOptions.durable(DURABLE, FILTER).withGroup(GROUP)
                .withAckMode(AckMode.MANUAL);
        return IntStream.range(0, MEMBERS).mapToObj(member -> bus.bus().subscribe(options, this::file)).toList();
    }

    private void file(Delivery delivery) {
        // Filing takes a while, so the ack comes later, from the timer: the delivery is in flight meanwhile.
        // The delay follows the offset, not the demo's random generator, which is not safe on the bus's threads.
        long filingMillis = 800 + Math.floorMod(delivery.offset(), 5) * 400;
        try {
            timer.schedule(delivery::ack, filingMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The demo is stopping. Throwing would fail the delivery over and over until it is dead-lettered;
            // unacknowledged, it goes back to the durable when the member leaves, for the next run.
        }
    }
}
