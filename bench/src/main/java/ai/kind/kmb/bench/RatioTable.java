package ai.kind.kmb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Prints JMH results (the JSON files of {@code -rf json}) as Markdown: every figure, each KMB
 * figure's ratio to the peers measured beside it, CPU per operation, and scaling with threads.
 *
 * <p>A benchmark names what it measures in a parameter called {@code impl}. Results of one file
 * that differ only in {@code impl} ran the same workload in the same JMH run, so they are compared;
 * the first {@code impl} JMH ran (the first in the {@code @Param} list) is the subject, the rest
 * its peers. Given several files holding the same benchmarks (rounds, run one after the other on a
 * machine whose load comes and goes), a figure is the median over the rounds with its range, and
 * a ratio is the median of the ratios taken within each round.
 */
public final class RatioTable {
    private static final String SUBJECT_PARAM = "impl";
    private static final String CPU_METRIC = "cpuNanos";
    private static final String CALLER_CPU_METRIC = "callerCpuNanos";

    /** One JMH result, from the {@code run}-th file. */
    record Result(int run, String benchmark, int threads, Map<String, String> params, double score, double error,
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

        /** Same benchmark, setting and threads: comparable with one another. */
        String comparison() {
            return benchmark + "|" + setting() + "|" + threads;
        }

        /** The same figure measured again in another round. */
        String figure() {
            return comparison() + "|" + impl();
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
        for (int run = 0; run < args.length; run++) {
            results.addAll(read(run, Path.of(args[run])));
        }
        System.out.print(render(results));
    }

    static List<Result> read(int runIndex, Path file) throws IOException {
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
            boolean rate = metric.path("scoreUnit").asText().endsWith("/s");
            results.add(new Result(runIndex, shortName, run.path("threads").asInt(1), params, score,
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
        Map<String, List<Result>> figures = group(results, Result::figure);
        StringBuilder out = new StringBuilder("\n### Every figure\n\n"
                + "Median over the rounds, with JMH's 99.9% error for one round or the range for several.\n\n"
                + "| benchmark | impl | setting | threads | score | error or range | rounds | unit |\n"
                + "|---|---|---|---:|---:|---:|---:|---|\n");
        for (List<Result> same : figures.values()) {
            Result first = same.getFirst();
            String spread = same.size() == 1 ? "± " + number(first.error())
                    : number(min(same, Result::score)) + " – " + number(max(same, Result::score));
            out.append(row(first.benchmark(), first.impl(), first.setting(), first.threads(),
                    number(median(same, Result::score)), spread, same.size(), first.unit()));
        }
        out.append(compare(results, "Ratios to peers in the same run (above 1: the first impl is faster)",
                "score", Result::score));
        out.append(compare(results.stream().filter(r -> !Double.isNaN(r.cpuNanosPerOp())).toList(),
                "CPU time per operation, whole JVM, in µs (above 1: the first impl costs more)",
                "CPU µs/op", r -> r.cpuNanosPerOp() / 1000));
        out.append(compare(results.stream().filter(r -> !Double.isNaN(r.callerCpuNanosPerOp())).toList(),
                "CPU time per operation, benchmark (publisher) thread alone, in µs",
                "CPU µs/op", r -> r.callerCpuNanosPerOp() / 1000));
        out.append(scaling(figures));
        return out.toString();
    }

    /** The subject against each peer: medians of the values, and of the ratios taken run by run. */
    private static String compare(List<Result> results, String title, String what, ToDoubleFunction<Result> value) {
        StringBuilder out = new StringBuilder();
        for (List<Result> comparable : group(results, Result::comparison).values()) {
            Map<String, List<Result>> byImpl = group(comparable, Result::impl);
            List<String> impls = new ArrayList<>(byImpl.keySet());
            List<Result> subject = byImpl.get(impls.getFirst());
            for (String peer : impls.subList(1, impls.size())) {
                List<Double> ratios = new ArrayList<>();
                for (Result mine : subject) {
                    byImpl.get(peer).stream().filter(theirs -> theirs.run() == mine.run()).findFirst()
                            .ifPresent(theirs -> ratios.add(value.applyAsDouble(mine) / value.applyAsDouble(theirs)));
                }
                if (ratios.isEmpty()) {
                    continue;
                }
                Result first = subject.getFirst();
                String range = ratios.size() == 1 ? "" : String.format(Locale.ROOT, "%.2f – %.2f",
                        ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                out.append(row(first.benchmark(), first.setting(), first.threads(), first.impl(),
                        number(median(subject, value)), peer, number(median(byImpl.get(peer), value)),
                        String.format(Locale.ROOT, "%.2f", median(ratios, Double::doubleValue)), range));
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        return "\n### " + title + "\n\n| benchmark | setting | threads | impl | " + what + " | peer | peer " + what
                + " | ratio | ratio range |\n|---|---|---:|---|---:|---|---:|---:|---:|\n" + out;
    }

    /** Each figure against the same benchmark and impl at its fewest threads, where several were run. */
    private static String scaling(Map<String, List<Result>> figures) {
        Map<String, List<List<Result>>> lines = new LinkedHashMap<>();
        for (List<Result> same : figures.values()) {
            Result r = same.getFirst();
            lines.computeIfAbsent(r.benchmark() + "|" + r.impl() + "|" + r.setting(), k -> new ArrayList<>()).add(same);
        }
        StringBuilder out = new StringBuilder();
        for (List<List<Result>> line : lines.values()) {
            List<Result> base = line.stream().min(Comparator.comparingInt(same -> same.getFirst().threads()))
                    .orElseThrow();
            double baseScore = median(base, Result::score);
            for (List<Result> same : line) {
                Result r = same.getFirst();
                if (same != base) {
                    double score = median(same, Result::score);
                    out.append(row(r.benchmark(), r.impl(), r.setting(), r.threads(), number(score),
                            String.format(Locale.ROOT, "%.2f", score / baseScore)));
                }
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        return "\n### Scaling with threads (median score, ratio to the fewest threads run)\n\n"
                + "| benchmark | impl | setting | threads | score | ratio |\n|---|---|---|---:|---:|---:|\n" + out;
    }

    private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    /** The median of {@code value} over {@code items}; for an even count, the mean of the middle two. */
    public static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Result> items, ToDoubleFunction<Result> value) {
        return items.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<Result> items, ToDoubleFunction<Result> value) {
        return items.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static String row(Object... cells) {
        StringBuilder line = new StringBuilder("|");
        for (Object cell : cells) {
            line.append(' ').append(cell).append(" |");
        }
        return line.append('\n').toString();
    }

    /** Whole numbers with separators for large figures, two decimals for small ones. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
