package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kmbctl bench with a small load: the report, not the numbers, is what is checked. */
class BenchCommandTest {
    private final TestKmbd kmbd = new TestKmbd();

    @AfterEach
    void stop() {
        kmbd.close();
    }

    @Test
    void benchReportsThroughputAndLatencyPercentiles() {
        TestKmbd.Result bench = kmbd.kmbctl("bench", "--count", "300", "--size", "128", "--publishers", "2");

        assertThat(bench.code()).isZero();
        assertThat(bench.lines()).hasSize(5);
        assertThat(bench.lines().get(0)).startsWith("bench: 300 messages of about 128 bytes, 2 publishers, rate unlimited,"
                + " ephemeral, topic bench.");
        assertThat(bench.lines().get(1)).startsWith("published  300 in ").endsWith("msg/s (0 failed)");
        assertThat(bench.lines().get(2)).startsWith("received   300 in ").endsWith("msg/s (0 lost)");
        assertThat(bench.lines().get(3)).startsWith("latency publish to receive (ms): p50 ").contains("p99.9", "max");
        assertThat(bench.lines().get(4)).startsWith("latency publish to ack (ms):     p50 ");
    }

    @Test
    void benchAtARateDurablyReportsJson() {
        TestKmbd.Result bench = kmbd.kmbctl("bench", "-n", "100", "-r", "500", "--durable", "--topic", "load.test",
                "--json");

        assertThat(bench.code()).isZero();
        JsonNode report = TestJson.read(bench.out());
        assertThat(report.get("published").asLong()).isEqualTo(100);
        assertThat(report.get("received").asLong()).isEqualTo(100);
        assertThat(report.get("topic").asText()).isEqualTo("load.test");
        // 100 messages at 500/s are spread over about 0.2 s, not sent at once.
        assertThat(report.get("publish_seconds").asDouble()).isGreaterThan(0.15);
        assertThat(report.get("latency_us").get("p50").asLong()).isPositive();
        assertThat(report.get("latency_us").get("max").asLong())
                .isGreaterThanOrEqualTo(report.get("latency_us").get("p99").asLong());
        assertThat(kmbd.kmbctl("history", "load.test", "--json", "--all").lines()).hasSize(100);
    }

    @Test
    void benchRefusesImpossibleSettingsAsUsage() {
        TestKmbd.Result none = kmbd.kmbctl("bench", "--count", "0");
        TestKmbd.Result negative = kmbd.kmbctl("bench", "--rate", "-5");

        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.errLines()).containsExactly("kmbctl: --count must be at least 1, got 0 (see 'kmbctl bench --help')");
        assertThat(negative.code()).isEqualTo(ExitCodes.USAGE);
    }
}
