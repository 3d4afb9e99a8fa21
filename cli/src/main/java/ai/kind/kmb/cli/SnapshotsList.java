package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the latest snapshot of every agent, or all kept snapshots of one AGENT, newest first."})
final class SnapshotsList implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "Only this agent's snapshots.")
    private String agent;

    SnapshotsList(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<SnapshotInfo> snapshots;
        try (BusConnection bus = cli.connect()) {
            snapshots = agent == null ? bus.snapshots().agents() : bus.snapshots().history(agent);
        }
        if (cli.json()) {
            snapshots.forEach(info -> cli.println(Views.line(Views.snapshot(info))));
            return ExitCodes.OK;
        }
        if (snapshots.isEmpty()) {
            cli.println(agent == null ? "no agent has a snapshot" : "agent " + agent + " has no snapshot");
            return ExitCodes.OK;
        }
        Table table = new Table().left("AGENT").left("ID").right("OFFSET").left("TAKEN").right("BYTES").left("FILTERS");
        snapshots.forEach(info -> table.row(info.agent(), info.id(), info.offset(), info.takenAt(), info.bytes(),
                String.join(" ", info.filters())));
        table.lines().forEach(cli::println);
        return ExitCodes.OK;
    }
}
