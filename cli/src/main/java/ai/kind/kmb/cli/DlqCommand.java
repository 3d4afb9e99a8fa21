package ai.kind.kmb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The group {@code kmbctl dlq}: it does nothing itself, so picocli asks for one of its commands. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Works with the dead-letter queue: messages that could not be delivered, and why.")
final class DlqCommand {
    private DlqCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new DlqCommand())
                .addSubcommand(new DlqList(cli))
                .addSubcommand(new DlqShow(cli))
                .addSubcommand(new DlqRequeue(cli))
                .addSubcommand(new DlqResend(cli))
                .addSubcommand(new DlqPurge(cli))
                .addSubcommand(new DlqExport(cli));
    }
}
