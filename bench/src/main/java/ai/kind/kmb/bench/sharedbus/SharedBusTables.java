package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Outcome;
import ai.kind.kmb.bench.Percentiles;
import ai.kind.kmb.bench.RatioTable;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** The shared-bus suite's figures as Markdown tables, each KMB figure with its ratio to every peer. */
final class SharedBusTables {
    private final SharedBusSettings settings;
    private final List<String> peers;
    private final Map<String, Outcome<SharedBusMain.Figures>> results;

    SharedBusTables(SharedBusSettings settings, List<String> peers, Map<String, Outcome<SharedBusMain.Figures>> results) {
        this.settings = settings;
        this.peers = peers;
        this.results = results;
    }

    String render() {
        return publish() + endToEnd() + latency();
    }

    private String publish() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n### Shared-bus backends: durable publish, "
                + "acknowledged messages per second%n%nEach publisher awaits its acknowledgement before it publishes "
                + "again; %d rounds, the targets taking turns, each %d s measured after %d s of warm-up; msg/s is the "
                + "median of the rounds. Ratios: the KMB target's figure over the peer's, taken within each round, "
                + "then the median (above 1: KMB is faster).%n%n| publishers | target | msg/s | range |%s%n"
                + "|---:|---|---:|---:|%s%n", settings.rounds(), settings.length().toSeconds(),
                settings.warmup().toSeconds(), peerHeaders(""), "---:|".repeat(peers.size())));
        for (int publishers : settings.publishers()) {
            results.forEach((name, outcome) -> out.append("| ").append(publishers).append(" | ").append(name)
                    .append(" |").append(switch (outcome) {
                        case Outcome.Missing<SharedBusMain.Figures> missing -> skipped(missing.why(), peers.size() + 1);
                        case Outcome.Measured<SharedBusMain.Figures> measured ->
                                rates(measured.figures().publish().get(publishers)) + roundRatios(name, publishers);
                    }).append('\n'));
        }
        return out.toString();
    }

    private String endToEnd() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n### Shared-bus backends: publish to a "
                + "durable subscriber, messages per second%n%n%d publishers awaiting their acknowledgements for %d s "
                + "while one durable subscriber consumes and acknowledges; delivered: everything published, over the "
                + "time from the first publish until the subscriber had it all. Ratios are of delivered.%n%n"
                + "| target | acked msg/s | delivered msg/s |%s%n|---|---:|---:|%s%n", settings.e2ePublishers(),
                settings.length().toSeconds(), peerHeaders(""), "---:|".repeat(peers.size())));
        results.forEach((name, outcome) -> out.append("| ").append(name).append(" |").append(switch (outcome) {
            case Outcome.Missing<SharedBusMain.Figures> missing -> skipped(missing.why(), peers.size() + 1);
            case Outcome.Measured<SharedBusMain.Figures> measured -> " "
                    + RatioTable.number(measured.figures().endToEnd().ackedPerSecond()) + " | "
                    + RatioTable.number(measured.figures().endToEnd().deliveredPerSecond()) + " |"
                    + ratios(name, figures -> figures.endToEnd().deliveredPerSecond());
        }).append('\n'));
        return out.toString();
    }

    private String latency() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n### Shared-bus backends: publish-to-durable-"
                + "subscriber latency at %,d msg/s for %d s after %d s of warm-up, µs%n%nOne publisher, not awaiting "
                + "acknowledgements; from the publish call to the subscriber's handler. Ratios at p50 and p99 (above 1: "
                + "KMB is slower).%n%n| target | %s |%s%s%n|---|---:|---:|---:|---:|---:|%s%n", settings.rate(),
                settings.latencyLength().toSeconds(), settings.latencyWarmup().toSeconds(), Percentiles.HEADER,
                peerHeaders(" p50"), peerHeaders(" p99"), "---:|".repeat(peers.size() * 2)));
        results.forEach((name, outcome) -> out.append("| ").append(name).append(" |").append(switch (outcome) {
            case Outcome.Missing<SharedBusMain.Figures> missing -> skipped(missing.why(), 4 + peers.size() * 2);
            case Outcome.Measured<SharedBusMain.Figures> measured -> Percentiles.cells(measured.figures().latency())
                    + latencyRatios(name, measured.figures().latency(), 50)
                    + latencyRatios(name, measured.figures().latency(), 99);
        }).append('\n'));
        return out.toString();
    }

    private static String rates(List<Double> rounds) {
        DoubleSummaryStatistics stats = rounds.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return " " + RatioTable.number(RatioTable.median(rounds, Double::doubleValue)) + " | "
                + RatioTable.number(stats.getMin()) + " – " + RatioTable.number(stats.getMax()) + " |";
    }

    /** Per peer: the median over the rounds of the KMB target's rate over the peer's in the same round. */
    private String roundRatios(String name, int publishers) {
        return eachPeer(name, (subject, peer) -> {
            List<Double> mine = subject.publish().get(publishers);
            List<Double> theirs = peer.publish().get(publishers);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
                ratios.add(mine.get(i) / theirs.get(i));
            }
            return String.format(Locale.ROOT, " %.2f |", RatioTable.median(ratios, Double::doubleValue));
        });
    }

    private String peerHeaders(String suffix) {
        StringBuilder headers = new StringBuilder();
        peers.forEach(peer -> headers.append(" ÷ ").append(peer).append(suffix).append(" |"));
        return headers.toString();
    }

    /** A KMB target's value over each peer's, or empty cells for a peer itself or one not measured. */
    private String ratios(String name, ToDoubleFunction<SharedBusMain.Figures> value) {
        return eachPeer(name, (subject, peer) -> String.format(Locale.ROOT, " %.2f |",
                value.applyAsDouble(subject) / value.applyAsDouble(peer)));
    }

    private String latencyRatios(String name, Histogram subject, double percentile) {
        return eachPeer(name, (ignored, peer) -> String.format(Locale.ROOT, " %.2f |",
                Percentiles.ratio(subject, peer.latency(), percentile)));
    }

    private String eachPeer(String name, BiFunction<SharedBusMain.Figures, SharedBusMain.Figures,
            String> cell) {
        StringBuilder cells = new StringBuilder();
        SharedBusMain.Figures subject = measured(name);
        for (String peer : peers) {
            SharedBusMain.Figures theirs = measured(peer);
            cells.append(!name.startsWith("kmb-") || subject == null || theirs == null ? " |" : cell.apply(subject, theirs));
        }
        return cells.toString();
    }

    private SharedBusMain.Figures measured(String name) {
        return results.get(name) instanceof Outcome.Measured<SharedBusMain.Figures> measured ? measured.figures() : null;
    }

    private static String skipped(String why, int emptyCells) {
        return " **not measured**: " + why.replace('|', '/') + " |" + " |".repeat(emptyCells);
    }
}
