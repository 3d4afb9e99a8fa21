package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.request.QueryAnswer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kmbctl publish --wait for commands and queries, and kmbctl trace, against a running server. */
class RequestAndTraceTest {
    private final TestKmbd kmbd = new TestKmbd();
    private final KmbClient agent = KmbClient.over(kmbd.broker);

    @AfterEach
    void stop() {
        agent.close();
        kmbd.close();
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    @Test
    void aCommandPrintsEachStatusAndExitsZeroOnDone() {
        agent.onCommand("robot.move", command -> {
            command.ack();
            command.done(Json.object().put("moved", command.payload().get("x").asInt()));
        });

        TestKmbd.Result moved = kmbd.kmbctl("publish", "robot.move", "{\"x\":2}", "--type", "command", "--wait");

        assertThat(moved.err()).isEmpty();
        assertThat(moved.out()).isEqualTo(lines("ACK", "DONE {\"moved\":2}"));
        assertThat(moved.code()).isZero();
    }

    @Test
    void aFailedCommandExitsTwoAndAQueryNotFoundExitsThree() throws Exception {
        agent.onCommand("robot.move", command -> {
            throw new IllegalStateException("arm is jammed");
        });
        agent.onQuery("stock.lookup", query -> QueryAnswer.notFound());

        TestKmbd.Result failed = kmbd.kmbctl("publish", "robot.move", "{}", "--type", "command", "--wait");
        TestKmbd.Result missing = kmbd.kmbctl("--json", "publish", "stock.lookup", "\"nut\"", "-t", "query", "-w");

        assertThat(failed.out()).isEqualTo(lines("ERROR {\"reason\":\"arm is jammed\"}"));
        assertThat(failed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode line = Json.mapper().readTree(missing.out());
        assertThat(line.get("status").asText()).isEqualTo("not_found");
        assertThat(line.get("correlation_id").asText()).isNotBlank();
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void nobodyListeningOrNobodyAnsweringExitsFive() {
        agent.subscribe(SubscribeOptions.ephemeral("#").withObserver(true), delivery -> { });
        TestKmbd.Result nobody = kmbd.kmbctl("publish", "stock.lookup", "1", "--type", "query", "--wait");
        agent.subscribe("stock.lookup", delivery -> { });
        TestKmbd.Result silent = kmbd.kmbctl("publish", "stock.lookup", "1", "--type", "query", "--wait",
                "--timeout", "300ms");

        assertThat(nobody.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(nobody.err()).contains("no subscriber for query on 'stock.lookup'");
        assertThat(silent.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(silent.err()).contains("got no reply within 300 ms");
    }

    @Test
    void waitIsRefusedForAnEvent() {
        TestKmbd.Result refused = kmbd.kmbctl("publish", "orders.created", "{}", "--wait");

        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("--wait needs --type command or --type query");
    }

    @Test
    void traceShowsTheTreeOfACommandAndItsReplies() {
        agent.onCommand("robot.move", command -> command.done(null));
        kmbd.kmbctl("publish", "robot.move", "{}", "--type", "command", "--wait", "--durable");
        String traceId = kmbd.broker.store().query(ai.kind.kmb.history.HistoryQuery.all(10)).getFirst().envelope()
                .metadata().traceId();

        TestKmbd.Result tree = kmbd.kmbctl("trace", traceId);

        assertThat(tree.code()).isZero();
        assertThat(tree.out().lines().toList()).hasSize(2)
                .satisfies(shown -> assertThat(shown.get(0)).startsWith("command robot.move "))
                .satisfies(shown -> assertThat(shown.get(1)).startsWith("  reply DONE _inbox."));
        assertThat(kmbd.kmbctl("trace", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
