package ai.kind.kmb.cli;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one snapshot of AGENT (its latest without ID): what it covers and the whole state.")
final class SnapshotsShow implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent.")
    private String agent;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The snapshot, as 'snapshots list' shows it.")
    private String id;

    SnapshotsShow(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Snapshot snapshot;
        try (BusConnection bus = cli.connect()) {
            snapshot = id != null ? bus.snapshots().get(agent, id) : bus.snapshots().latest(agent)
                    .orElseThrow(() -> new KmbException(ErrorCode.NOT_FOUND, "agent '" + agent + "' has no snapshot"));
        }
        if (cli.json()) {
            cli.println(Views.line(Views.snapshot(snapshot.info()).set("state", snapshot.state())));
            return ExitCodes.OK;
        }
        SnapshotInfo info = snapshot.info();
        cli.println("agent:    " + info.agent());
        cli.println("id:       " + info.id());
        cli.println("offset:   " + info.offset());
        cli.println("filters:  " + (info.filters().isEmpty() ? "-" : String.join(" ", info.filters())));
        cli.println("taken:    " + info.takenAt());
        cli.println("bytes:    " + info.bytes());
        cli.println("state:");
        cli.println(Views.pretty(snapshot.state()));
        return ExitCodes.OK;
    }
}
