package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.RegistryJson;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Registers a JSON Schema as the topic's next version if it is compatible in the topic's mode;"
                + " lists every incompatibility otherwise (exit 2).")
final class SchemaRegister implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic; a new one gets a descriptor with v1.")
    private String topic;

    @Parameters(index = "1", paramLabel = "SCHEMA",
            description = "The JSON Schema: JSON text, @FILE to read it from a file, or - to read standard input.")
    private String schema;

    @Option(names = "--dry-run", description = "Only check compatibility; write nothing.")
    private boolean dryRun;

    SchemaRegister(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        CompatibilityVerdict verdict;
        try (BusConnection bus = cli.connect()) {
            verdict = bus.registry().register(topic, JsonInput.read(schema, cli.in(), "the schema"), dryRun);
        }
        if (cli.json()) {
            cli.println(Views.line(RegistryJson.verdict(verdict)));
        } else if (!verdict.compatible()) {
            cli.println(verdict.version() + " of " + topic + " is not " + verdict.mode() + " compatible:");
            verdict.incompatibilities().forEach(found -> cli.println("  " + found));
        } else if (verdict.registered()) {
            cli.println("registered " + topic + " " + verdict.version() + " (" + verdict.mode() + " compatible)");
        } else {
            cli.println(topic + " " + verdict.version() + " would be " + verdict.mode()
                    + " compatible (dry run: nothing written)");
        }
        return verdict.compatible() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
