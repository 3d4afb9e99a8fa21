package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.registry.RegistryJson;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the described topics, and the descriptors that failed to load (file:line: why).")
final class SchemaList implements Callable<Integer> {
    private final Cli cli;

    SchemaList(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<TopicDescriptor> topics;
        List<RegistryProblem> problems;
        try (BusConnection bus = cli.connect()) {
            topics = bus.registry().topics();
            problems = bus.registry().problems();
        }
        if (cli.json()) {
            cli.println(Views.line(RegistryJson.listing(topics, problems)));
            return ExitCodes.OK;
        }
        if (topics.isEmpty()) {
            cli.println("no topics in the registry");
        } else {
            Table table = new Table().left("TOPIC").left("VERSIONS").left("FORMAT").left("COMPATIBILITY")
                    .left("SIGNED").left("OWNER");
            topics.forEach(topic -> table.row(topic.name(),
                    topic.versions().stream().map(TopicVersion::version).collect(Collectors.joining(",")),
                    topic.latest().format().wireName(), topic.compatibility().name(),
                    topic.signaturesRequired() ? "yes" : "no", topic.owner() == null ? "" : topic.owner()));
            table.lines().forEach(cli::println);
        }
        problems.forEach(problem -> cli.println("broken: " + problem));
        return ExitCodes.OK;
    }
}
