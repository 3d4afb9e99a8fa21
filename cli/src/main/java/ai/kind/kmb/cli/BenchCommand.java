package ai.kind.kmb.cli;

import ai.kind.kmb.Topics;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Loads the bus and reports throughput and latency percentiles.",
                "Publishes N messages of S bytes from P publishers at a rate, and tails them on another connection."})
final class BenchCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10000", description = "Messages (default 10000).")
    private long count;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "256",
            description = "Payload size in bytes, about (default 256).")
    private int size;

    @Option(names = {"-r", "--rate"}, paramLabel = "MSG/S", defaultValue = "0",
            description = "Messages per second in all (default 0: as fast as acknowledgements allow).")
    private double rate;

    @Option(names = {"-p", "--publishers"}, paramLabel = "P", defaultValue = "1",
            description = "Publishers, each on a connection of its own (default 1).")
    private int publishers;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic (default: bench.<random>).")
    private String topic;

    @Option(names = "--durable", description = "Publish durably: each acknowledgement waits for the disk.")
    private boolean durable;

    @Option(names = "--window", paramLabel = "N", defaultValue = "1000",
            description = "Unacknowledged publishes each publisher may have (default 1000).")
    private int window;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.DurationConverter.class,
            description = "How long to wait for the last deliveries after the last acknowledgement (default 10s).")
    private Duration drain;

    BenchCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        require(count >= 1, "--count must be at least 1, got " + count);
        require(size >= 0, "--size must be zero or more, got " + size);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be zero (unlimited) or more, got " + rate);
        require(publishers >= 1 && publishers <= 256, "--publishers must be between 1 and 256, got " + publishers);
        require(window >= 1 && window <= 10_000, "--window must be between 1 and 10000, got " + window);
        String benchTopic = topic != null ? Topics.requireValidName(topic)
                : "bench." + UUID.randomUUID().toString().substring(0, 8);
        BenchSettings settings = new BenchSettings(count, size, publishers, rate, benchTopic, durable, window, drain);
        BenchReport report = new BenchRun(settings, cli).run();
        if (cli.json()) {
            cli.println(Views.line(report.json()));
        } else {
            report.lines().forEach(cli::println);
        }
        if (report.firstFailure() != null) {
            throw new CliException(ExitCodes.of(report.firstFailure()), report.failed() + " of " + count
                    + " publishes failed; the first: " + Errors.line(report.firstFailure()).substring("kmbctl: ".length()));
        }
        if (report.lost() > 0) {
            cli.warn(report.lost() + " acknowledged messages did not arrive within " + Converters.text(drain)
                    + " (a subscriber that falls behind loses messages; the server counts them in kmb_dropped_total)");
        }
        return ExitCodes.OK;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new CliException(ExitCodes.USAGE, message);
        }
    }
}
