package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.remote.RemoteBusOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kmbctl durables list, show and delete against a server whose durable an SDK agent left partly unacknowledged. */
class DurablesCommandsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final TestKmbd kmbd = new TestKmbd();
    private final KmbClient agent = KmbClient.connect(URI.create(kmbd.url()));

    @AfterEach
    void stop() {
        agent.close();
        kmbd.close();
    }

    private static List<Delivery> take(BlockingQueue<Delivery> received, int count) throws InterruptedException {
        List<Delivery> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(delivery).as("delivery " + (i + 1) + " of " + count).isNotNull();
            taken.add(delivery);
        }
        return taken;
    }

    /** The SDK sends acks without waiting for an answer: wait until the server has had them. */
    private void awaitUnsettled(long count) throws InterruptedException {
        await("the server's count of unsettled messages reaching " + count,
                () -> kmbd.broker.durables().get("billing").unsettled() == count);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static List<String> cells(String line) {
        return List.of(line.strip().split("\\s+"));
    }

    @Test
    void listAndShowCountWhatTheSubscriberLeftUnacknowledgedAndDeleteRemovesTheDurable() throws Exception {
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        Subscription subscriber = agent.bus().subscribe(SubscribeOptions.durable("billing", "invoices.#")
                .withAckMode(AckMode.MANUAL).withAckWait(Duration.ofMinutes(1)), received::add);
        for (int n = 1; n <= 5; n++) {
            kmbd.publish("invoices.new", n, true);
        }
        List<Delivery> deliveries = take(received, 5);
        deliveries.get(0).ack();
        deliveries.get(1).ack();
        awaitUnsettled(3);

        TestKmbd.Result list = kmbd.kmbctl("durables", "list");
        TestKmbd.Result show = kmbd.kmbctl("durables", "show", "billing");
        JsonNode json = TestJson.read(kmbd.kmbctl("durables", "show", "billing", "--json").out());

        assertThat(list.code()).isZero();
        assertThat(list.lines()).hasSize(2);
        assertThat(cells(list.lines().getFirst())).containsExactly("NAME", "FILTER", "GROUP", "MEMBERS", "UNSETTLED", "LAG");
        assertThat(cells(list.lines().get(1))).containsExactly("billing", "invoices.#", "-", "1", "3", "0");
        assertThat(show.lines()).contains("unsettled:  3", "here:       1 member, 3 in flight, 0 waiting");
        assertThat(json.get("position").asLong()).isEqualTo(deliveries.get(4).offset());
        assertThat(json.get("ack_floor").asLong()).isEqualTo(deliveries.get(1).offset());
        assertThat(json.get("shared").asBoolean()).isFalse();

        subscriber.close();
        kmbd.publish("invoices.new", 6, true);
        kmbd.publish("invoices.new", 7, true);
        TestKmbd.Result away = kmbd.kmbctl("durables", "list", "--json");

        JsonNode idle = TestJson.read(away.out());
        assertThat(idle.get("here").get("members").asInt()).isZero();
        assertThat(idle.get("here").get("waiting").asInt()).as("handed back for the next subscriber").isEqualTo(3);
        assertThat(idle.get("unsettled").asInt()).isEqualTo(3);
        assertThat(idle.get("lag").asInt()).as("published while nobody took them").isEqualTo(2);

        TestKmbd.Result deleted = kmbd.kmbctl("durables", "delete", "billing");
        TestKmbd.Result empty = kmbd.kmbctl("durables", "list");
        TestKmbd.Result again = kmbd.kmbctl("durables", "delete", "billing");
        TestKmbd.Result gone = kmbd.kmbctl("durables", "show", "billing");

        assertThat(deleted.code()).isZero();
        assertThat(deleted.lines()).containsExactly("deleted durable billing");
        assertThat(empty.lines()).containsExactly("no durable consumers");
        assertThat(again.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(again.errLines()).containsExactly("kmbctl: no durable named 'billing'");
        assertThat(gone.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.errLines()).containsExactly("kmbctl: no durable named 'billing'");
    }

    @Test
    void showSaysHowTheDurableIsDeliveredWhoItsMemberIsWhatItHoldsAndWhenItLastMoved() throws Exception {
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        try (KmbClient named = KmbClient.connect(RemoteBusOptions.defaults(URI.create(kmbd.url()))
                .withClientId("billing-agent"))) {
            Subscription subscriber = named.bus().subscribe(SubscribeOptions.durable("billing", "invoices.#")
                    .withAckMode(AckMode.MANUAL).withAckWait(Duration.ofMinutes(1)).withMaxDeliver(3)
                    .withMaxInflight(50), received::add);
            for (int n = 1; n <= 3; n++) {
                kmbd.publish("invoices.new", n, true);
            }
            take(received, 3).getFirst().ack();
            awaitUnsettled(2);

            TestKmbd.Result show = kmbd.kmbctl("durables", "show", "billing");
            JsonNode json = TestJson.read(kmbd.kmbctl("durables", "show", "billing", "--json").out());
            JsonNode here = json.get("here");
            subscriber.close();
            await("the server seeing the subscriber leave",
                    () -> kmbd.broker.durables().get("billing").here().members() == 0);
            TestKmbd.Result left = kmbd.kmbctl("durables", "show", "billing");

            assertThat(show.code()).isZero();
            assertThat(show.lines()).contains("here:       1 member, 2 in flight, 0 waiting",
                    "settings:   ack wait 1m, max deliver 3, backoff none, max in flight 50", "members:");
            assertThat(show.lines()).filteredOn(line -> line.startsWith("delivered:  20")).hasSize(1);
            assertThat(show.lines()).filteredOn(line -> line.startsWith("acked:      20")).hasSize(1);
            assertThat(show.lines()).noneMatch(line -> line.startsWith("node:"));
            int header = show.lines().indexOf("members:") + 1;
            assertThat(show.lines()).as("alone on its store: no table of nodes").noneMatch(line -> line.startsWith("nodes:"));
            assertThat(cells(show.lines().get(header)))
                    .containsExactly("NODE", "CLIENT", "CONNECTION", "ADDRESS", "ACK", "IN", "FLIGHT", "SINCE");
            List<String> member = cells(show.lines().get(header + 1));
            assertThat(member.subList(0, 2)).as("a server alone has no node id").containsExactly("-", "billing-agent");
            assertThat(member.get(2)).startsWith("conn-");
            assertThat(member.get(3)).startsWith("127.0.0.1:");
            assertThat(member.subList(4, 6)).containsExactly("manual", "2");
            assertThat(here.get("settings").get("ack_wait_ms").asLong()).isEqualTo(60_000);
            assertThat(here.get("subscribers").get(0).get("client_id").asText()).isEqualTo("billing-agent");
            assertThat(here.get("last_acked").asText()).isNotBlank();
            assertThat(json.get("nodes")).as("this server alone").hasSize(1);
            assertThat(json.get("nodes").get(0).get("members").asInt()).isEqualTo(1);
            assertThat(left.lines()).as("nobody attached: no members table, the settings stay while it runs")
                    .doesNotContain("members:")
                    .contains("settings:   ack wait 1m, max deliver 3, backoff none, max in flight 50");
        }
    }
}
