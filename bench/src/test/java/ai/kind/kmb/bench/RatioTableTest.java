package ai.kind.kmb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioTableTest {
    @TempDir
    Path dir;

    private Path round(String name, double kmb, double queue) throws IOException {
        String json = "[" + result("kmb", kmb, 2_000) + "," + result("queue", queue, 1_000) + "]";
        return Files.writeString(dir.resolve(name), json);
    }

    private static String result(String impl, double score, double cpuPerSecond) {
        return """
                {"benchmark":"ai.kind.kmb.bench.inprocess.FanOutBenchmark.publishToAll","mode":"thrpt","threads":1,
                 "params":{"impl":"%s"},
                 "primaryMetric":{"score":%s,"scoreError":1.5,"scoreUnit":"ops/s"},
                 "secondaryMetrics":{"cpuNanos":{"score":%s,"scoreUnit":"ops/s"}}}""".formatted(impl, score, cpuPerSecond);
    }

    @Test
    void comparesTheFirstImplWithEachPeerOfTheSameRun() throws IOException {
        String table = RatioTable.render(RatioTable.read(0, round("one.json", 300, 600)));

        assertThat(table).contains("| FanOutBenchmark.publishToAll |  | 1 | kmb | 300 | queue | 600 | 0.50 |  |");
        // CPU: 2000 ns/s over 300 ops/s against 1000 ns/s over 600 ops/s.
        assertThat(table).contains("| kmb | 0.01 | queue | 0.00 | 4.00 |");
    }

    @Test
    void takesMediansOverRoundsAndRatiosWithinEachRound() throws IOException {
        List<RatioTable.Result> results = new ArrayList<>();
        results.addAll(RatioTable.read(0, round("r1.json", 100, 100)));
        results.addAll(RatioTable.read(1, round("r2.json", 400, 200)));
        results.addAll(RatioTable.read(2, round("r3.json", 900, 300)));

        String table = RatioTable.render(results);

        // Ratios per round are 1, 2 and 3; medians of the scores are 400 and 200.
        assertThat(table).contains("| kmb | 400 | queue | 200 | 2.00 | 1.00 – 3.00 |");
        assertThat(table).contains("| FanOutBenchmark.publishToAll | kmb |  | 1 | 400 | 100 – 900 | 3 | ops/s |");
    }
}
