package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.request.CommandOptions;
import ai.kind.kmb.request.CommandReply;
import com.fasterxml.jackson.databind.node.IntNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

    /** A node, and a client connected to it. */
    private record Node(KmbdProcess kmbd, KmbClient client) {
        Bus bus() {
            return client.bus();
        }
    }

    private Bus startNode() {
        return startNode(List.of()).bus();
    }

    private Node startNode(List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bus-name", busName));
        args.addAll(backendFlags());
        args.addAll(extraArgs);
        KmbdProcess kmbd = KmbdProcess.start(dir, args.toArray(String[]::new));
        open.add(kmbd);
        KmbClient client = KmbClient.connect(URI.create(kmbd.awaitListening()));
        open.add(client);
        return new Node(kmbd, client);
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

    @Test
    void whatAKilledNodeHeldOfADurableGroupGoesToTheOtherNodeAfterTheLease() throws Exception {
        Path config = Files.writeString(dir.resolve("lease.yaml"), "kmb:\n  claim_lease: 2s\n");
        List<String> withLease = List.of("--config", config.toString());
        Node doomed = startNode(withLease);
        Node survivor = startNode(withLease);
        SubscribeOptions pool = SubscribeOptions.durable("jobs", "jobs.#").withGroup("pool")
                .withAckMode(AckMode.MANUAL).withMaxInflight(5);
        Deliveries heldByDoomed = new Deliveries();
        doomed.bus().subscribe(pool, heldByDoomed);
        List<Delivery> held = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            survivor.bus().publish(Messages.event("jobs.run", n), PublishOptions.DURABLE).join();
            held.add(heldByDoomed.next());
        }
        Deliveries onSurvivor = new Deliveries();
        survivor.bus().subscribe(pool, delivery -> {
            onSurvivor.onMessage(delivery);
            delivery.ack();
        });
        for (int n = 6; n <= 10; n++) {
            survivor.bus().publish(Messages.event("jobs.run", n), PublishOptions.DURABLE).join();
        }
        assertThat(onSurvivor.next(5).stream().map(Messages::n)).as("the doomed node holds five, unacknowledged")
                .containsExactlyInAnyOrder(6, 7, 8, 9, 10);

        doomed.kmbd().process.destroyForcibly().waitFor();

        assertThat(held.stream().map(Messages::n)).containsExactly(1, 2, 3, 4, 5);
        List<Delivery> takenOver = onSurvivor.next(5);
        assertThat(takenOver.stream().map(Messages::n)).as("redelivered by the surviving node")
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(takenOver).allSatisfy(delivery -> assertThat(delivery.deliveryCount()).isEqualTo(2));
        assertThat(onSurvivor.quietFor(Duration.ofSeconds(3))).as("and only once").isEmpty();
    }

    @Test
    void aCommandFindsItsResponderInTheOtherProcessAndOneNobodyAnswersFailsAtOnce() throws Exception {
        KmbClient first = startNode(List.of()).client();
        KmbClient second = startNode(List.of()).client();
        first.onCommand("fleet.move", command -> command.done(Json.object().put("moved", command.payload().asInt())));
        CommandOptions patient = CommandOptions.DEFAULT.withAckTimeout(Duration.ofMinutes(5));

        CommandReply done = second.command(Envelope.of("fleet.move", MessageType.COMMAND, IntNode.valueOf(4), null),
                patient).completion().get(10, TimeUnit.SECONDS);
        Throwable unanswered = catchThrowable(() -> second.command(Envelope.of("fleet.stop", MessageType.COMMAND,
                IntNode.valueOf(1), null), patient).completion().get(10, TimeUnit.SECONDS));

        assertThat(done.payload().path("moved").asInt()).isEqualTo(4);
        assertThat(unanswered).isInstanceOf(ExecutionException.class).cause().isInstanceOf(KmbException.class)
                .satisfies(error -> assertThat(((KmbException) error).code())
                        .isEqualTo(ErrorCode.NO_RESPONDERS));
    }
}
