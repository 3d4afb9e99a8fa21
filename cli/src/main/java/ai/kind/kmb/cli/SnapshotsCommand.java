package ai.kind.kmb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The group {@code kmbctl snapshots}: it does nothing itself, so picocli asks for one of its commands. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "Looks at the snapshots stateful agents saved: what each covers, and their state.")
final class SnapshotsCommand {
    private SnapshotsCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new SnapshotsCommand())
                .addSubcommand(new SnapshotsList(cli))
                .addSubcommand(new SnapshotsShow(cli));
    }
}
