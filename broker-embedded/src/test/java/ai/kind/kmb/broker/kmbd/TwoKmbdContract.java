package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Bus;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two kmbd processes on one shared backend, each with a client of its own, as two machines would run them. */
abstract class TwoKmbdContract {
    @TempDir
    Path dir;

    protected final String busName = "kmb_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** The flags that put kmbd on the shared backend under {@link #busName}. */
    protected abstract List<String> backendFlags();

    private Bus startNode() {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bus-name", busName));
        args.addAll(backendFlags());
        KmbdProcess kmbd = KmbdProcess.start(dir, args.toArray(String[]::new));
        open.add(kmbd);
        KmbClient client = KmbClient.connect(URI.create(kmbd.awaitListening()));
        open.add(client);
        return client.bus();
    }

    /** Subclasses call it before removing the bus's data, so no node writes after the clean-up. */
    @AfterEach
    void stopNodes() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        open.clear();
    }

    @Test
    void twoKmbdProcessesDeliverEachOthersMessages() {
        Bus first = startNode();
        Bus second = startNode();
        Deliveries onSecond = new Deliveries();
        Deliveries onFirst = new Deliveries();
        second.subscribe(SubscribeOptions.ephemeral("fleet.#"), onSecond);
        first.subscribe(SubscribeOptions.ephemeral("fleet.#"), onFirst);

        PublishAck durable = first.publish(Messages.event("fleet.durable", 1), PublishOptions.DURABLE).join();
        second.publish(Messages.event("fleet.live", 2), PublishOptions.EPHEMERAL).join();

        // Durable and ephemeral messages travel different paths, with no order between them.
        assertThat(onSecond.next(2).stream().map(delivery -> delivery.message().id()))
                .contains(durable.id()).hasSize(2);
        assertThat(onSecond.quietFor(Duration.ZERO)).isEmpty();
        assertThat(onFirst.next(2).stream().map(Messages::n)).containsExactlyInAnyOrder(1, 2);
    }
}
