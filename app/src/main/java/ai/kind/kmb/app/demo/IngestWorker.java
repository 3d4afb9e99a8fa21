package ai.kind.kmb.app.demo;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A durable subscriber that ingests documents and cannot parse one of them: the poison message.
 * Each failed delivery is redelivered after a short backoff until {@code max_deliver} is reached,
 * then the broker dead-letters it (reason {@code max_deliveries}) and announces it on
 * {@code _kmb.advisory.dead_letter}: what the DLQ viewer is for.
 */
final class IngestWorker {
    static final String TOPIC = "kmb.agent.task.ingest";
    static final String DURABLE = "demo-ingest-worker";
    static final int MAX_DELIVER = 3;
    static final String POISON = "corrupt-scan.pdf";

    private final DemoBus bus;
    private final RandomGenerator random;

    IngestWorker(DemoBus bus, RandomGenerator random) {
        this.bus = bus;
        this.random = random;
    }

    Subscription start() {
        SubscribeOptions options = SubscribeOptions.durable(DURABLE, TOPIC).withMaxDeliver(MAX_DELIVER)
                .withAckWait(Duration.ofSeconds(2)).withBackoff(List.of(Duration.ofMillis(300), Duration.ofMillis(600)));
        return bus.bus().subscribe(options, this::ingest);
    }

    void submit(boolean poison) {
        String document = poison ? POISON : "report-" + (100 + random.nextInt(900)) + ".md";
        bus.publish(Planner.AGENT, TOPIC, MessageType.EVENT, DemoBus.payload().put("document", document)
                .put("bytes", poison ? 7_340_032 : 2_000 + random.nextInt(60_000)).put("submitted_by", Planner.AGENT),
                Trace.start(random).metadata());
    }

    private void ingest(Delivery delivery) {
        String document = delivery.message().payload().path("document").asText();
        if (POISON.equals(document)) {
            // Throwing is a failed delivery: the broker redelivers, then dead-letters.
            throw new IllegalStateException("cannot parse " + document + ": unexpected end of stream at byte 4096 "
                    + "(attempt " + delivery.deliveryCount() + " of " + MAX_DELIVER + ")");
        }
    }
}
