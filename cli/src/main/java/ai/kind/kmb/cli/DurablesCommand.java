package ai.kind.kmb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The group {@code kmbctl durables}: it does nothing itself, so picocli asks for one of its commands. */
@Command(name = "durables", mixinStandardHelpOptions = true,
        description = "Looks at durable consumers (their progress, members and unsettled messages) and deletes them.")
final class DurablesCommand {
    private DurablesCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new DurablesCommand())
                .addSubcommand(new DurablesList(cli))
                .addSubcommand(new DurablesShow(cli))
                .addSubcommand(new DurablesDelete(cli));
    }
}
