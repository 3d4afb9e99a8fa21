package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kmbctl tail and history against a running server. */
class TailAndHistoryTest {
    private final TestKmbd kmbd = new TestKmbd();

    @AfterEach
    void stop() {
        kmbd.close();
    }

    @Test
    void tailPrintsLiveMessagesOfItsFilterUntilTheCount() throws Exception {
        TestKmbd.Result tail = whilePublishing("orders.paid", () -> kmbd.kmbctl("tail", "orders.#", "--count", "2"));

        assertThat(tail.code()).isZero();
        assertThat(tail.lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("  orders.paid  event  {\"n\":"));
        assertThat(tail.err()).isEmpty();
    }

    @Test
    void tailFromEarliestPrintsStoredMessagesThenLiveOnesWithoutRepeats() throws Exception {
        kmbd.publish("orders.created", 1, true);
        kmbd.publish("mail.sent", 2, true);
        kmbd.publish("orders.created", 3, true);

        TestKmbd.Result tail = whilePublishing("orders.live",
                () -> kmbd.kmbctl("tail", "orders.#", "--from", "earliest", "--count", "4", "--json"));

        assertThat(tail.code()).isZero();
        List<JsonNode> lines = tail.lines().stream().map(TestJson::read).toList();
        assertThat(lines).extracting(line -> line.at("/msg/topic").asText())
                .containsExactly("orders.created", "orders.created", "orders.live", "orders.live");
        assertThat(lines.subList(0, 2)).extracting(line -> line.get("offset").asLong()).containsExactly(1L, 3L);
        assertThat(lines.get(2).at("/msg/payload/n").asInt()).isLessThan(lines.get(3).at("/msg/payload/n").asInt());
    }

    @Test
    void tailFromAnOffsetStartsThere() {
        for (int n = 1; n <= 4; n++) {
            kmbd.publish("t", n, true);
        }

        TestKmbd.Result tail = kmbd.kmbctl("tail", "t", "--from", "3", "--count", "2", "--timeout", "20s");

        assertThat(tail.code()).isZero();
        assertThat(tail.lines()).extracting(line -> line.split("  ")[1]).containsExactly("#3", "#4");
    }

    @Test
    void tailPrettyPrintsWholeEnvelopes() {
        kmbd.publish("t", 7, true);

        TestKmbd.Result tail = kmbd.kmbctl("tail", "t", "--from", "earliest", "--count", "1", "--pretty");

        assertThat(tail.out()).startsWith("--- ").contains("\"topic\" : \"t\"", "\"n\" : 7");
    }

    @Test
    void tailThatTimesOutBeforeItsCountExitsNotFound() {
        TestKmbd.Result tail = kmbd.kmbctl("tail", "quiet.#", "--count", "1", "--timeout", "300ms");

        assertThat(tail.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(tail.errLines()).containsExactly("kmbctl: 0 of 1 messages arrived within 300ms");
    }

    @Test
    void tailWithOnlyATimeoutEndsQuietlyAtIt() {
        assertThat(kmbd.kmbctl("tail", "quiet.#", "--timeout", "200ms").code()).isZero();
    }

    @Test
    void historyShowsATableAndPointsAtTheNextPage() {
        for (int n = 1; n <= 3; n++) {
            kmbd.publish("orders.created", n, true);
        }
        kmbd.publish("orders.ephemeral", 9, false);

        TestKmbd.Result first = kmbd.kmbctl("history", "orders.#", "--limit", "2");
        TestKmbd.Result second = kmbd.kmbctl("history", "orders.#", "--limit", "2", "--after", "2");

        assertThat(first.lines()).hasSize(4);
        assertThat(first.lines().getFirst()).contains("OFFSET", "RECEIVED", "TOPIC", "TYPE", "TRACE", "PAYLOAD");
        assertThat(first.lines().get(1)).startsWith("     1  ").contains("orders.created  event  -      {\"n\":1}");
        assertThat(first.lines().getLast()).isEqualTo("more: add --after 2 for the next page");
        assertThat(second.lines()).hasSize(2);
        assertThat(second.lines().get(1)).contains("{\"n\":3}");
    }

    @Test
    void historyFiltersByTraceAndTimeAndFollowsAllPagesAsJson() {
        Instant before = Instant.now();
        kmbd.publish(Envelope.event("a", Json.object().put("n", 1)).withMetadata(Metadata.EMPTY.withTrace("t-1", null, null)));
        kmbd.publish("a", 2, true);
        kmbd.publish("b", 3, true);

        TestKmbd.Result trace = kmbd.kmbctl("history", "--trace-id", "t-1", "--json");
        TestKmbd.Result all = kmbd.kmbctl("history", "--limit", "1", "--all", "--json", "--from", before.toString());
        TestKmbd.Result future = kmbd.kmbctl("history", "--from", Instant.now().plusSeconds(60).toString());

        assertThat(trace.lines()).singleElement().satisfies(line -> assertThat(TestJson.read(line).at("/msg/metadata/trace_id")
                .asText()).isEqualTo("t-1"));
        assertThat(all.lines()).extracting(line -> TestJson.read(line).get("offset").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(future.out()).isEqualTo("no stored message matches" + System.lineSeparator());
    }

    @Test
    void historyRefusesALimitOutOfRangeAsUsage() {
        TestKmbd.Result bad = kmbd.kmbctl("history", "--limit", "0");

        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errLines()).containsExactly(
                "kmbctl: --limit must be between 1 and 10000, got 0 (see 'kmbctl history --help')");
    }

    /** Runs a command that waits for live messages while messages keep coming, as they do on a busy bus. */
    private TestKmbd.Result whilePublishing(String topic, java.util.function.Supplier<TestKmbd.Result> command)
            throws Exception {
        CompletableFuture<TestKmbd.Result> running = CompletableFuture.supplyAsync(command);
        int n = 100;
        while (!running.isDone() && n < 1000) {
            kmbd.publish(topic, n++, false);
            Thread.sleep(50);
        }
        return running.get(30, TimeUnit.SECONDS);
    }
}
