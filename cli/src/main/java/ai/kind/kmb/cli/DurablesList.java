package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the durable consumers, by name: filter, group, members on every node that serves",
                "it, messages taken and not settled, and how far the log runs past each."})
final class DurablesList implements Callable<Integer> {
    private final Cli cli;

    DurablesList(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<DurableInfo> durables;
        try (BusConnection bus = cli.connect()) {
            durables = bus.durables().list();
        }
        if (cli.json()) {
            durables.forEach(durable -> cli.println(Views.line(DurableJson.toJson(durable))));
            return ExitCodes.OK;
        }
        if (durables.isEmpty()) {
            cli.println("no durable consumers");
            return ExitCodes.OK;
        }
        Table table = new Table().left("NAME").left("FILTER").left("GROUP").right("MEMBERS").right("UNSETTLED")
                .right("LAG");
        durables.forEach(durable -> table.row(durable.name(), durable.filter(), durable.group(),
                durable.membersOnAllNodes(), durable.unsettled(), durable.lag()));
        table.lines().forEach(cli::println);
        return ExitCodes.OK;
    }
}
