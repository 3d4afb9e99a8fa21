package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbctl publish and topics against a running server. */
class PublishAndTopicsTest {
    private final TestKmbd kmbd = new TestKmbd();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        kmbd.close();
    }

    @Test
    void publishesDurablyWithTypeTraceAndHeadersAndSaysWhere() {
        TestKmbd.Result published = kmbd.kmbctl("publish", "orders.created", "{\"n\":1}", "--durable",
                "--type", "transactional", "--trace-id", "t-1", "-H", "tenant=acme", "--id", "order-1");

        assertThat(published.code()).isZero();
        assertThat(published.out()).isEqualTo("published order-1 to orders.created at offset 1" + System.lineSeparator());
        StoredMessage stored = kmbd.broker.store().query(HistoryQuery.all(10)).getFirst();
        assertThat(stored.envelope().type().wireName()).isEqualTo("transactional");
        assertThat(stored.envelope().metadata().traceId()).isEqualTo("t-1");
        assertThat(stored.envelope().metadata().headers()).containsEntry("tenant", "acme");
        assertThat(stored.envelope().payload().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void jsonOutputIsThePublishAcknowledgement() throws Exception {
        TestKmbd.Result published = kmbd.kmbctl("--json", "publish", "orders.created", "{}", "--no-durable");

        JsonNode ack = Json.mapper().readTree(published.out());
        assertThat(ack.get("offset").asLong()).isEqualTo(-1);
        assertThat(ack.get("id").asText()).isNotBlank();
        assertThat(ack.get("duplicate").asBoolean()).isFalse();
    }

    @Test
    void payloadComesFromAFileOrStandardInput() throws Exception {
        Path file = Files.writeString(dir.resolve("payload.json"), "{\"from\":\"file\"}");

        assertThat(kmbd.kmbctl("publish", "a.file", "@" + file, "--durable").code()).isZero();
        TestKmbd.Result fromStdin = TestKmbd.run(Map.of("KMB_URL", kmbd.url()), "{\"from\":\"stdin\"}",
                "publish", "a.stdin", "-", "--durable");

        assertThat(fromStdin.code()).isZero();
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10)))
                .extracting(message -> message.envelope().payload().get("from").asText())
                .containsExactly("file", "stdin");
    }

    @Test
    void badJsonIsOneLineAndExitTwoAndPublishesNothing() {
        TestKmbd.Result bad = kmbd.kmbctl("publish", "orders.created", "{\"n\":", "--durable");

        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.errLines()).singleElement().asString()
                .startsWith("kmbctl: the payload is not valid JSON: ").contains("line 1, column");
        assertThat(bad.out()).isEmpty();
        assertThat(kmbd.broker.store().query(HistoryQuery.all(10))).isEmpty();
    }

    @Test
    void badTopicTypeAndMissingFileAreBadInputOrNotFound() {
        TestKmbd.Result topic = kmbd.kmbctl("publish", "a..b", "{}");
        TestKmbd.Result type = kmbd.kmbctl("publish", "a.b", "{}", "--type", "shout");
        TestKmbd.Result file = kmbd.kmbctl("publish", "a.b", "@" + dir.resolve("missing.json"));

        assertThat(topic.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(topic.errLines()).containsExactly("kmbctl: invalid topic 'a..b': segment 2 is empty (two dots in a row)");
        assertThat(type.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(type.errLines()).singleElement().asString().contains("'shout' is not one of event, command");
        assertThat(file.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(file.errLines()).containsExactly("kmbctl: no such file: " + dir.resolve("missing.json"));
    }

    @Test
    void aCommandNobodyListensForIsRefusedAsUnavailable() {
        TestKmbd.Result refused = kmbd.kmbctl("publish", "jobs.run", "{}", "--type", "command");

        assertThat(refused.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(refused.errLines()).containsExactly("kmbctl: no subscriber for command on 'jobs.run'");
    }

    @Test
    void topicsListsCountsSortedByNameAndFilters() throws Exception {
        kmbd.publish("orders.paid", 1, false);
        kmbd.publish("orders.created", 1, true);
        kmbd.publish("orders.created", 2, false);
        kmbd.publish("mail.sent", 1, false);

        TestKmbd.Result table = kmbd.kmbctl("topics");
        TestKmbd.Result json = kmbd.kmbctl("topics", "orders.*", "--json");

        assertThat(table.code()).isZero();
        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().getFirst()).startsWith("TOPIC").contains("COUNT", "RATE/S", "LAST PUBLISHED");
        assertThat(table.lines().subList(1, 4)).extracting(line -> line.split("\\s+")[0] + "=" + line.split("\\s+")[1])
                .containsExactly("mail.sent=1", "orders.created=2", "orders.paid=1");
        List<String> jsonTopics = json.lines().stream().map(TestJson::read)
                .map(node -> node.get("topic").asText() + "=" + node.get("count").asLong()).toList();
        assertThat(jsonTopics).containsExactly("orders.created=2", "orders.paid=1");
    }

    @Test
    void topicsOnAFreshServerSaysSo() {
        assertThat(kmbd.kmbctl("topics").out()).isEqualTo("no topics yet" + System.lineSeparator());
        assertThat(kmbd.kmbctl("topics", "--json").out()).isEmpty();
    }
}
