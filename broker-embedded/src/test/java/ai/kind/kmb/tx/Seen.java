package ai.kind.kmb.tx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishOptions;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a subscriber to {@code orders.#} saw. "Never saw" is proven with a marker: once a marker
 * published after the fact arrives, anything published before it would have arrived first.
 */
final class Seen {
    private final List<String> payloads = new CopyOnWriteArrayList<>();

    Seen(KmbClient subscriber) {
        subscriber.subscribe("orders.#", (Delivery delivery) -> payloads.add(delivery.message().payload().asText()));
    }

    List<String> payloads() {
        return List.copyOf(payloads);
    }

    /** Publishes a marker and waits for it; afterwards everything sent before it has arrived. */
    List<String> afterMarker(KmbClient publisher) throws InterruptedException {
        publisher.publish(Envelope.of("orders.marker", MessageType.EVENT, TextNode.valueOf("marker"), null),
                PublishOptions.DEFAULT).join();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!payloads.contains("marker")) {
            assertThat(System.nanoTime()).as("the marker arrives").isLessThan(deadline);
            Thread.sleep(10);
        }
        return payloads.subList(0, payloads.indexOf("marker"));
    }

    void awaitCount(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (payloads.size() < count) {
            assertThat(System.nanoTime()).as("%d messages arrive", count).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
