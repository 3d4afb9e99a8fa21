package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Removes dead letters for good: the IDs given, or all that --reason and --topic select (all of them without).")
final class DlqPurge implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    private DlqSelection selection = new DlqSelection();

    @Parameters(arity = "0..*", paramLabel = "ID", description = "The dead letters to remove.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--yes", description = "Confirms the removal; without it nothing is removed.")
    private boolean yes;

    DlqPurge(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (!yes) {
            // A script cannot answer a prompt, and a purge cannot be undone: ask for the flag instead.
            throw new CliException(ExitCodes.USAGE, "purge removes dead letters for good; add --yes to confirm"
                    + " (export them first with 'kmbctl dlq export --out FILE')");
        }
        if (!ids.isEmpty() && !selection.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "give dead letter IDs or --reason/--topic, not both");
        }
        int removed = 0;
        try (BusConnection bus = cli.connect()) {
            if (ids.isEmpty()) {
                removed = bus.deadLetters().purge(selection.query(0));
            }
            for (String id : ids) {
                removed += bus.deadLetters().delete(id) ? 1 : 0;
            }
        }
        if (cli.json()) {
            cli.println(Views.line(Json.object().put("purged", removed)));
        } else {
            cli.println("purged " + removed + " dead letters");
        }
        return ExitCodes.OK;
    }
}
