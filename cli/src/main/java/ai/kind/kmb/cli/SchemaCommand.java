package ai.kind.kmb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The group {@code kmbctl schema}: the server's topic registry. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Works with the topic registry: what each topic carries, checking payloads, new versions.")
final class SchemaCommand {
    private SchemaCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new SchemaCommand())
                .addSubcommand(new SchemaList(cli))
                .addSubcommand(new SchemaShow(cli))
                .addSubcommand(new SchemaValidate(cli))
                .addSubcommand(new SchemaRegister(cli));
    }
}
