package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Removes dead letters for good: all of them, or those --reason and --topic select.")
final class DlqPurge implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    private DlqSelection selection = new DlqSelection();

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
        int removed;
        try (BusConnection bus = cli.connect()) {
            removed = bus.deadLetters().purge(selection.query(0));
        }
        if (cli.json()) {
            cli.println(Views.line(Json.object().put("purged", removed)));
        } else {
            cli.println("purged " + removed + " dead letters");
        }
        return ExitCodes.OK;
    }
}
