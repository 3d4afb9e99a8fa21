package ai.kind.kmb.cli;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.topics.TopicSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Lists the topics the server has seen since it started, with counts and rates.")
final class TopicsCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER",
            description = "Only topics this filter matches (default: every topic, system topics too).")
    private String filter;

    TopicsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TopicFilter only = filter == null ? null : TopicFilter.parse(filter);
        List<TopicSnapshot> topics;
        try (BusConnection bus = cli.connect()) {
            topics = bus.topics().stream()
                    .filter(topic -> only == null || only.matches(topic.topic()))
                    .sorted(Comparator.comparing(TopicSnapshot::topic))
                    .toList();
        }
        if (cli.json()) {
            topics.forEach(topic -> cli.println(Views.line(Views.topic(topic))));
            return ExitCodes.OK;
        }
        if (topics.isEmpty()) {
            cli.println(filter == null ? "no topics yet" : "no topic matches " + filter);
            return ExitCodes.OK;
        }
        Table table = new Table().left("TOPIC").right("COUNT").right("RATE/S").left("LAST PUBLISHED");
        topics.forEach(topic -> table.row(topic.topic(), topic.count(),
                String.format(Locale.ROOT, "%.2f", topic.ratePerSecond()), topic.lastPublished()));
        table.lines().forEach(cli::println);
        return ExitCodes.OK;
    }
}
