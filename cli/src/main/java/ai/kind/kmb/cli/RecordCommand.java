package ai.kind.kmb.cli;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.recording.Recorder;
import ai.kind.kmb.recording.RecorderStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records live messages to a file until Ctrl-C, --count or --duration.",
                "The file is NDJSON, gzipped when its name ends in .gz; replay it with 'kmbctl replay' or in KMB Studio."})
final class RecordCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "FILTER", description = "A topic filter: * one segment, # any number.")
    private String filter;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "The recording to create (never overwritten), such as traffic.ndjson.gz.")
    private Path out;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N messages.")
    private long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this long (30s, 5m...); with --count, exits 3 if fewer came.")
    private Duration duration;

    RecordCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (count < 0) {
            throw new CliException(ExitCodes.USAGE, "--count must be zero or more, got " + count);
        }
        RecorderStats stats;
        try (BusConnection connection = cli.connect()) {
            Bus bus = count > 0 ? new CountingBus(connection, count, cli.stop()) : connection;
            Recorder recorder = Recorder.start(bus, filter, out, connection.describe());
            try {
                cli.stop().await(duration);
            } finally {
                stats = recorder.stop();
            }
        }
        report(stats);
        if (count > 0 && stats.written() < count && !cli.stop().isRequested()) {
            throw new CliException(ExitCodes.NOT_FOUND, stats.written() + " of " + count
                    + " messages arrived within " + Converters.text(duration) + "; they are in " + out);
        }
        return ExitCodes.OK;
    }

    private void report(RecorderStats stats) {
        if (cli.json()) {
            cli.println(Views.line(Json.object().put("file", out.toString()).put("written", stats.written())
                    .put("dropped", stats.dropped())));
        } else {
            cli.println("recorded " + stats.written() + " messages to " + out);
        }
        if (stats.dropped() > 0) {
            cli.warn(stats.dropped() + " matching messages are not in the recording (the recorder fell behind"
                    + (stats.lastError() == null ? "" : ", or writing failed: " + stats.lastError()) + ")");
        }
    }
}
