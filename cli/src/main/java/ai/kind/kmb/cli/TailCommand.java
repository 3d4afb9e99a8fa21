package ai.kind.kmb.cli;

import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints messages as they arrive on the topics a filter matches, until Ctrl-C.",
                "With --from, stored messages come first, then live ones, with no gap and no repeat."})
final class TailCommand implements Callable<Integer> {
    static final int HISTORY_PAGE = 1000;

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "FILTER", description = "A topic filter: * one segment, # any number.")
    private String filter;

    @Option(names = "--from", paramLabel = "WHERE", defaultValue = "new",
            converter = Converters.StartConverter.class,
            description = "new (default: live only), earliest, an offset, an RFC 3339 time, or a time ago (10m).")
    private StartPosition from;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N messages.")
    private long count;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this long (30s, 5m...); with --count, exits 3 if fewer came.")
    private Duration timeout;

    @Option(names = "--pretty", description = "Print each whole envelope, indented.")
    private boolean pretty;

    TailCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        TopicFilter topics = TopicFilter.parse(filter);
        if (count < 0) {
            throw new CliException(ExitCodes.USAGE, "--count must be zero or more, got " + count);
        }
        boolean catchUp = !(from instanceof StartPosition.New);
        TailPrinter printer = new TailPrinter(cli, pretty, count, catchUp);
        boolean stopped;
        try (BusConnection bus = cli.connect();
             Subscription subscription = bus.subscribe(SubscribeOptions.ephemeral(filter), printer::live)) {
            if (catchUp) {
                printHistory(bus, topics, printer);
                printer.caughtUp();
            }
            stopped = printer.done() || cli.stop().await(timeout);
        }
        if (printer.droppedWhileCatchingUp() > 0) {
            cli.warn(printer.droppedWhileCatchingUp() + " live messages were dropped while stored ones were printed");
        }
        if (!stopped && count > 0 && printer.printed() < count) {
            throw new CliException(ExitCodes.NOT_FOUND, printer.printed() + " of " + count
                    + " messages arrived within " + Converters.text(timeout));
        }
        return ExitCodes.OK;
    }

    private void printHistory(BusConnection bus, TopicFilter topics, TailPrinter printer) {
        Instant since = from instanceof StartPosition.AtTime at ? at.time() : null;
        long after = from instanceof StartPosition.AtOffset at ? Math.max(0, at.offset() - 1) : 0;
        HistoryQuery query = new HistoryQuery(topics, since, null, null, after, HISTORY_PAGE);
        while (!printer.done() && !cli.stop().isRequested()) {
            List<StoredMessage> page = bus.query(query);
            page.forEach(printer::history);
            if (page.size() < HISTORY_PAGE) {
                return;
            }
            query = query.after(page.getLast().offset());
        }
    }
}
