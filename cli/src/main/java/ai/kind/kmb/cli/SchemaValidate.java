package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.registry.RegistryJson;
import ai.kind.kmb.registry.ValidationVerdict;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a payload against a topic's schema without publishing it; exit 2 when invalid.")
final class SchemaValidate implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic.")
    private String topic;

    @Parameters(index = "1", paramLabel = "PAYLOAD",
            description = "The payload: JSON text, @FILE to read it from a file, or - to read standard input.")
    private String payload;

    @Option(names = "--schema-version", paramLabel = "VERSION", description = "The version (default: the latest).")
    private String version;

    SchemaValidate(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        ValidationVerdict verdict;
        try (BusConnection bus = cli.connect()) {
            verdict = bus.registry().validate(topic, version, JsonInput.read(payload, cli.in(), "the payload"));
        }
        if (cli.json()) {
            cli.println(Views.line(RegistryJson.verdict(verdict)));
        } else if (!verdict.described()) {
            cli.println("'" + topic + "' has no descriptor: nothing to check against");
        } else if (verdict.valid()) {
            cli.println("valid against " + topic + " " + verdict.version());
        } else {
            cli.println("invalid against " + topic + " " + verdict.version() + ":");
            verdict.violations().forEach(violation -> cli.println("  " + (violation.field().isEmpty() ? "/"
                    : violation.field()) + ": " + violation.reason()));
        }
        return verdict.valid() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
