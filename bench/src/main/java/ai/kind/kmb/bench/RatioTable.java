package ai.kind.kmb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Prints JMH results (the JSON files of {@code -rf json}) as Markdown: every figure, then each KMB
 * figure's ratio to the peers measured beside it, then how each figure scales with threads.
 *
 * <p>A benchmark names what it measures in a parameter called {@code impl}. Results that differ
 * only in {@code impl} were run with the same workload in the same run, so they are compared; the
 * first {@code impl} JMH ran (the first in the {@code @Param} list) is the subject, the rest its
 * peers. Several files may be given, for instance one per thread count.
 */
public final class RatioTable {
    private static final String SUBJECT_PARAM = "impl";
    private static final String CPU_METRIC = "cpuNanos";
    private static final String CALLER_CPU_METRIC = "callerCpuNanos";

    /** One JMH result: benchmark method, thread count, parameters and primary score. */
    record Result(String benchmark, int threads, Map<String, String> params, double score, double error,
                  String unit, double cpuNanosPerOp, double callerCpuNanosPerOp) {

        String impl() {
            return params.getOrDefault(SUBJECT_PARAM, "");
        }

        /** The parameters other than {@code impl}, in name order: what a comparison must hold equal. */
        String setting() {
            Map<String, String> others = new TreeMap<>(params);
            others.remove(SUBJECT_PARAM);
            return others.isEmpty() ? "" : others.toString().replaceAll("[{}]", "");
        }
    }

    private RatioTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: RatioTable jmh-result.json...");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (String file : args) {
            results.addAll(read(Path.of(file)));
        }
        System.out.print(render(results));
    }

    static List<Result> read(Path file) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
            Map<String, String> params = new LinkedHashMap<>();
            run.path("params").properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().asText()));
            JsonNode metric = run.path("primaryMetric");
            String benchmark = run.path("benchmark").asText();
            // The class and method are enough to tell benchmarks apart; the package is noise in a table.
            String[] parts = benchmark.split("\\.");
            String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
            double score = metric.path("score").asDouble();
            // CpuTime's counter is CPU nanoseconds per second; over the ops per second it is per op.
            boolean rate = metric.path("scoreUnit").asText().endsWith("/s");
            results.add(new Result(shortName, run.path("threads").asInt(1), params, score,
                    metric.path("scoreError").asDouble(Double.NaN), metric.path("scoreUnit").asText(),
                    perOp(run, CPU_METRIC, score, rate), perOp(run, CALLER_CPU_METRIC, score, rate)));
        }
        return results;
    }

    /** CpuTime's counters are CPU nanoseconds per second; over the ops per second they are per op. */
    private static double perOp(JsonNode run, String metric, double score, boolean rate) {
        JsonNode value = run.path("secondaryMetrics").path(metric).path("score");
        return value.isNumber() && rate ? value.asDouble() / score : Double.NaN;
    }

    static String render(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("\n### Every figure\n\n| benchmark | impl | setting | threads | score | ± 99.9% | unit |\n")
                .append("|---|---|---|---:|---:|---:|---|\n");
        for (Result r : results) {
            out.append(row(r.benchmark(), r.impl(), r.setting(), r.threads(), number(r.score()), number(r.error()),
                    r.unit()));
        }
        out.append(ratios(results));
        out.append(cpu(results));
        out.append(scaling(results));
        return out.toString();
    }

    /** Subject against each peer that shares its benchmark, setting and thread count. */
    private static String ratios(List<Result> results) {
        Map<String, List<Result>> groups = group(results, r -> r.benchmark() + "|" + r.setting() + "|" + r.threads());
        StringBuilder out = new StringBuilder("\n### Ratios to peers in the same run (above 1: the first "
                + "impl is faster)\n\n| benchmark | setting | threads | impl | score | peer | peer score | ratio |\n"
                + "|---|---|---:|---|---:|---|---:|---:|\n");
        for (List<Result> group : groups.values()) {
            Result subject = group.getFirst();
            for (Result peer : group.subList(1, group.size())) {
                out.append(row(subject.benchmark(), subject.setting(), subject.threads(), subject.impl(),
                        number(subject.score()), peer.impl(), number(peer.score()),
                        String.format(Locale.ROOT, "%.2f", subject.score() / peer.score())));
            }
        }
        return out.toString();
    }

    /** CPU time per operation where it was measured, and the subject's against each peer's. */
    private static String cpu(List<Result> results) {
        List<Result> measured = results.stream().filter(r -> !Double.isNaN(r.cpuNanosPerOp())).toList();
        if (measured.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n### CPU time per operation (above 1: the first impl costs more)\n\n"
                + "Whole JVM, and in brackets the benchmark (publisher) thread alone.\n\n"
                + "| benchmark | setting | threads | impl | CPU µs/op | peer | peer CPU µs/op | ratio |\n"
                + "|---|---|---:|---|---:|---|---:|---:|\n");
        for (List<Result> group : group(measured, r -> r.benchmark() + "|" + r.setting() + "|" + r.threads()).values()) {
            Result subject = group.getFirst();
            for (Result peer : group.subList(1, group.size())) {
                out.append(row(subject.benchmark(), subject.setting(), subject.threads(), subject.impl(),
                        cpuCell(subject), peer.impl(), cpuCell(peer),
                        String.format(Locale.ROOT, "%.2f", subject.cpuNanosPerOp() / peer.cpuNanosPerOp())));
            }
        }
        return out.toString();
    }

    private static String cpuCell(Result r) {
        String whole = String.format(Locale.ROOT, "%.2f", r.cpuNanosPerOp() / 1000);
        return Double.isNaN(r.callerCpuNanosPerOp()) ? whole
                : whole + String.format(Locale.ROOT, " (%.2f)", r.callerCpuNanosPerOp() / 1000);
    }

    /** Each figure against the same benchmark and impl at its fewest threads, where several were run. */
    private static String scaling(List<Result> results) {
        Map<String, List<Result>> groups = group(results, r -> r.benchmark() + "|" + r.impl() + "|" + r.setting());
        StringBuilder out = new StringBuilder();
        for (List<Result> group : groups.values()) {
            Result base = group.stream().min((a, b) -> Integer.compare(a.threads(), b.threads())).orElseThrow();
            for (Result r : group) {
                if (r.threads() != base.threads()) {
                    out.append(row(r.benchmark(), r.impl(), r.setting(), r.threads(), number(r.score()),
                            String.format(Locale.ROOT, "%.2f", r.score() / base.score())));
                }
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        return "\n### Scaling with threads (ratio to the fewest threads run)\n\n"
                + "| benchmark | impl | setting | threads | score | ratio |\n|---|---|---|---:|---:|---:|\n" + out;
    }

    private static Map<String, List<Result>> group(List<Result> results, Function<Result, String> key) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static String row(Object... cells) {
        StringBuilder line = new StringBuilder("|");
        for (Object cell : cells) {
            line.append(' ').append(cell).append(" |");
        }
        return line.append('\n').toString();
    }

    /** Whole numbers with separators for large figures, two decimals for small ones. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
