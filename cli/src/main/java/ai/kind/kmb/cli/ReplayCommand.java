package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.replay.ReplayEngine;
import ai.kind.kmb.replay.ReplayIssue;
import ai.kind.kmb.replay.ReplayOptions;
import ai.kind.kmb.replay.ReplayProgress;
import ai.kind.kmb.replay.ReplaySession;
import ai.kind.kmb.replay.ReplaySource;
import ai.kind.kmb.replay.ReplaySpeed;
import ai.kind.kmb.replay.ReplayState;
import ai.kind.kmb.replay.ReplayTarget;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publishes a recording, or the stored messages of a time range, again.",
                "Replayed messages get new ids and the headers replay_of, replay_id, replay_original_timestamp."})
final class ReplayCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A recording (.ndjson or .ndjson.gz).")
    private Path file;

    @Option(names = "--from", paramLabel = "TIME", converter = Converters.TimeConverter.class,
            description = "Instead of a file: stored messages received at or after (RFC 3339, or a time ago: 15m).")
    private Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = Converters.TimeConverter.class,
            description = "Instead of a file: stored messages received before.")
    private Instant to;

    @Option(names = "--filter", paramLabel = "FILTER",
            description = "Only topics this filter matches (default: all of a file; # for a stored range).")
    private String filter;

    @Option(names = "--speed", paramLabel = "SPEED", defaultValue = "1", converter = Converters.SpeedConverter.class,
            description = "1 keeps the original gaps (default), 2 halves them, 0.5 doubles them; max does not wait.")
    private ReplaySpeed speed;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Publish under this prefix (a.b becomes PREFIX.a.b) instead of to the original topics.")
    private String prefix;

    @Option(names = "--durable", description = "Publish durably (default: live only).")
    private boolean durable;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class, description = "How often to print progress (default 1s).")
    private Duration progressEvery;

    ReplayCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (progressEvery.isNegative() || progressEvery.isZero()) {
            throw new CliException(ExitCodes.USAGE, "--progress must be positive, got " + progressEvery);
        }
        boolean range = from != null || to != null;
        if ((file == null) == !range) {
            throw new CliException(ExitCodes.USAGE, file == null ? "say what to replay: a FILE, or --from/--to"
                    : "replay either a FILE or a --from/--to range, not both");
        }
        ReplayOptions options = new ReplayOptions(null, prefix == null ? ReplayTarget.ORIGINAL
                : ReplayTarget.prefix(prefix), speed, durable).withFilter(filter != null ? filter : range ? "#" : null);
        ReplayProgress outcome;
        List<ReplayIssue> issues;
        try (BusConnection bus = cli.connect(); ReplayEngine engine = new ReplayEngine(bus)) {
            ReplaySource source = range ? new ReplaySource.StoredRange(bus, from, to)
                    : new ReplaySource.RecordingFile(file);
            ReplaySession session = engine.start(source, options);
            cli.stop().onRequest(session::cancel);
            outcome = awaitShowingProgress(session);
            issues = session.issues();
        }
        show(outcome);
        return verdict(outcome, issues, range);
    }

    /** Progress every interval until the replay ends; Ctrl-C cancels it, and its end is shown too. */
    private ReplayProgress awaitShowingProgress(ReplaySession session) throws InterruptedException {
        CompletableFuture<ReplayProgress> completion = session.completion();
        while (true) {
            try {
                return completion.get(progressEvery.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                show(session.progress());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a replay's completion never fails", e);
            }
        }
    }

    private void show(ReplayProgress progress) {
        if (cli.json()) {
            ObjectNode node = Json.object().put("replay", progress.id()).put("state", progress.state().wireName())
                    .put("published", progress.published()).put("skipped", progress.skipped())
                    .put("failed", progress.failed()).put("total", progress.total());
            Views.time(node, "position", progress.position());
            cli.println(Views.line(progress.failure() == null ? node : node.put("failure", progress.failure())));
            return;
        }
        String of = progress.total() == ReplayProgress.UNKNOWN ? "" : " of " + progress.total();
        cli.println("replay " + progress.state().wireName() + ": " + progress.published() + of + " published, "
                + progress.skipped() + " skipped, " + progress.failed() + " failed"
                + (progress.position() == null ? "" : " (at " + progress.position() + ")"));
    }

    /**
     * A replay that left messages out fails, so a script notices: the broker refused some (2), or
     * the source had lines it could not use (2). A source that could not be read at all is the
     * file's fault (2) or, for a stored range, the server's (5).
     */
    private int verdict(ReplayProgress outcome, List<ReplayIssue> issues, boolean range) {
        if (outcome.state() == ReplayState.FAILED) {
            throw new CliException(range ? ExitCodes.UNAVAILABLE : ExitCodes.BAD_INPUT, outcome.failure());
        }
        long left = outcome.skipped() + outcome.failed();
        if (left > 0) {
            String first = issues.isEmpty() ? "" : "; first: " + issues.getFirst().reason();
            throw new CliException(ExitCodes.BAD_INPUT, left + " messages were not replayed (" + outcome.skipped()
                    + " skipped, " + outcome.failed() + " refused)" + first);
        }
        return ExitCodes.OK;
    }
}
