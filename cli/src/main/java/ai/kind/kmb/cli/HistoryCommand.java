package ai.kind.kmb.cli;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Prints stored messages in offset order, a page at a time.",
                "Only durable messages are stored; --after the last offset shown gives the next page."})
final class HistoryCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER",
            description = "Only topics this filter matches (default: every topic).")
    private String filter;

    @Option(names = "--from", paramLabel = "TIME", converter = Converters.TimeConverter.class,
            description = "Received at or after: RFC 3339, or a time ago (15m, 2h).")
    private Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = Converters.TimeConverter.class,
            description = "Received before: RFC 3339, or a time ago.")
    private Instant to;

    @Option(names = "--trace-id", paramLabel = "ID", description = "Only messages of this trace.")
    private String traceId;

    @Option(names = {"-l", "--limit"}, paramLabel = "N", defaultValue = "100",
            description = "Messages per page, 1 to 10000 (default 100).")
    private int limit;

    @Option(names = "--after", paramLabel = "OFFSET", defaultValue = "0",
            description = "Start after this offset (default 0: from the oldest kept).")
    private long after;

    @Option(names = "--all", description = "Follow every page to the end instead of printing one.")
    private boolean all;

    HistoryCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > HistoryQuery.MAX_LIMIT) {
            throw new CliException(ExitCodes.USAGE, "--limit must be between 1 and " + HistoryQuery.MAX_LIMIT
                    + ", got " + limit);
        }
        if (after < 0) {
            throw new CliException(ExitCodes.USAGE, "--after must be zero or more, got " + after);
        }
        HistoryQuery query = new HistoryQuery(filter == null ? null : TopicFilter.parse(filter), from, to, traceId,
                after, limit);
        Table table = new Table().right("OFFSET").left("RECEIVED").left("TOPIC").left("TYPE").left("TRACE")
                .left("PAYLOAD");
        boolean more;
        try (BusConnection bus = cli.connect()) {
            do {
                List<StoredMessage> page = bus.query(query);
                page.forEach(message -> show(message, table));
                more = page.size() == limit;
                if (more) {
                    query = query.after(page.getLast().offset());
                }
            } while (all && more);
        }
        if (!cli.json()) {
            if (table.isEmpty()) {
                cli.println("no stored message matches");
            } else {
                table.lines().forEach(cli::println);
            }
            if (more) {
                cli.println("more: add --after " + query.after() + " for the next page");
            }
        }
        return ExitCodes.OK;
    }

    /** JSON lines go out as they come; the table is printed whole, once its widths are known. */
    private void show(StoredMessage message, Table table) {
        if (cli.json()) {
            cli.println(Views.line(Views.stored(message)));
        } else {
            table.row(message.offset(), message.receivedAt(), message.envelope().topic(),
                    message.envelope().type().wireName(), message.envelope().metadata().traceId(),
                    MessageLines.payload(message.envelope()));
        }
    }
}
