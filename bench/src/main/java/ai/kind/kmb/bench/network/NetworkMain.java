package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.Outcome;
import ai.kind.kmb.bench.Percentiles;
import ai.kind.kmb.bench.RatioTable;
import ai.kind.kmb.bench.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The network suite: KMB's server and SDK beside NATS core, Redis pub/sub and Mosquitto over
 * loopback, 1 publisher to 1 and to 10 subscribers, 256-byte JSON payloads; delivered throughput
 * and publish-to-handler latency, printed as Markdown with KMB's ratio to each peer. A peer whose
 * server is down gets a line saying so. Not JMH: JMH times the caller, while both figures here
 * end on other threads (the subscribers').
 *
 * <p>Arguments name the peers (default all, KMB first); {@link NetworkSettings} the rest.
 */
public final class NetworkMain {
    private NetworkMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> names = args.length > 0 ? List.of(args) : PubSub.NAMES;
        NetworkSettings settings = NetworkSettings.fromSystemProperties();
        String runId = Service.runId();
        StringBuilder throughput = new StringBuilder();
        StringBuilder latency = new StringBuilder();
        try (Peers peers = new Peers()) {
            for (int subscribers : settings.fanOuts()) {
                System.err.printf("network: %d subscriber(s), throughput%n", subscribers);
                throughput.append(throughputRows(subscribers, new NetworkThroughput(settings, peers, runId)
                        .measure(names, subscribers)));
                Map<String, Outcome<Histogram>> histograms = new LinkedHashMap<>();
                for (String name : names) {
                    System.err.printf("network: %d subscriber(s), latency of %s%n", subscribers, name);
                    histograms.put(name, new NetworkLatency(settings, peers, runId).measure(name, subscribers));
                }
                latency.append(latencyRows(subscribers, histograms));
            }
        }
        System.out.printf(Locale.ROOT, "%n### Network: delivered throughput over loopback, 256-byte payloads%n%n"
                + "Batches of %,d messages, each waited for until every subscriber counted it; %d rounds of %d s "
                + "per peer after %d s of warm-up, the peers taking turns. msg/s: messages that reached every "
                + "subscriber, per second (median of the rounds); deliveries/s is that times the subscribers. "
                + "Ratios are taken within each round, then the median (above 1: the first peer is faster).%n%n"
                + "| subscribers | peer | msg/s | deliveries/s | range | %s / peer | ratio range |%n"
                + "|---:|---|---:|---:|---:|---:|---:|%n%s", settings.batch(), settings.rounds(),
                settings.roundLength().toSeconds(), settings.warmup().toSeconds(), names.getFirst(), throughput);
        System.out.printf(Locale.ROOT, "%n### Network: publish-to-handler latency over loopback, %,d msg/s for %d s "
                + "after %d s of warm-up, µs (lower is better)%n%n"
                + "| subscribers | peer | %s | %s / peer at p50 | at p99 |%n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|%n%s", settings.rate(),
                settings.latencyLength().toSeconds(), settings.latencyWarmup().toSeconds(), Percentiles.HEADER,
                names.getFirst(), latency);
    }

    private static String throughputRows(int subscribers, Map<String, Outcome<List<Double>>> outcomes) {
        List<Double> subject = outcomes.values().iterator().next() instanceof Outcome.Measured<List<Double>> m
                ? m.figures() : null;
        StringBuilder rows = new StringBuilder();
        outcomes.forEach((name, outcome) -> {
            switch (outcome) {
                case Outcome.Missing<List<Double>> missing ->
                        rows.append(skipped(subscribers, name, missing.why(), 5));
                case Outcome.Measured<List<Double>> measured -> {
                    List<Double> rates = measured.figures();
                    double median = RatioTable.median(rates, Double::doubleValue);
                    rows.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s – %s | %s |%n", subscribers, name,
                            RatioTable.number(median), RatioTable.number(median * subscribers),
                            RatioTable.number(min(rates)), RatioTable.number(max(rates)), ratios(subject, rates)));
                }
            }
        });
        return rows.toString();
    }

    /** The subject's rate over the peer's, round by round: "median | min – max", or empty cells. */
    private static String ratios(List<Double> subject, List<Double> peer) {
        if (subject == null || subject == peer) {
            return " |";
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(subject.size(), peer.size()); i++) {
            ratios.add(subject.get(i) / peer.get(i));
        }
        return String.format(Locale.ROOT, "%.2f | %.2f – %.2f", RatioTable.median(ratios, Double::doubleValue),
                min(ratios), max(ratios));
    }

    private static String latencyRows(int subscribers, Map<String, Outcome<Histogram>> outcomes) {
        Histogram subject = outcomes.values().iterator().next() instanceof Outcome.Measured<Histogram> m
                ? m.figures() : null;
        StringBuilder rows = new StringBuilder();
        outcomes.forEach((name, outcome) -> {
            switch (outcome) {
                case Outcome.Missing<Histogram> missing -> rows.append(skipped(subscribers, name, missing.why(), 7));
                case Outcome.Measured<Histogram> measured -> {
                    Histogram histogram = measured.figures();
                    String ratio = subject == null || subject == histogram ? " | |" : String.format(Locale.ROOT,
                            " %.2f | %.2f |", Percentiles.ratio(subject, histogram, 50),
                            Percentiles.ratio(subject, histogram, 99));
                    rows.append("| ").append(subscribers).append(" | ").append(name).append(" |")
                            .append(Percentiles.cells(histogram)).append(ratio).append('\n');
                }
            }
        });
        return rows.toString();
    }

    static String skipped(int subscribers, String name, String why, int emptyCells) {
        return "| " + subscribers + " | " + name + " | **not measured**: " + why.replace('|', '/') + " |"
                + " |".repeat(emptyCells - 1) + "\n";
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
