package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterPage;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, newest death first.")
final class DlqList implements Callable<Integer> {
    static final int ERROR_CHARS = 60;

    private final Cli cli;

    @Mixin
    private DlqSelection selection = new DlqSelection();

    @Option(names = {"-l", "--limit"}, paramLabel = "N", defaultValue = "100",
            description = "A page of at most N letters (default 100; 0 for all of them).")
    private int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0",
            description = "Start N letters in (0 is the newest death); the end of a page prints the next offset.")
    private int offset;

    DlqList(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (limit <= 0 && offset > 0) {
            throw new CliException(ExitCodes.USAGE, "--offset pages through the list; give it a --limit above 0");
        }
        DeadLetterPage page;
        try (BusConnection bus = cli.connect()) {
            page = limit > 0 ? bus.deadLetters().page(selection.query(limit), offset)
                    : new DeadLetterPage(bus.deadLetters().list(selection.query(0)), DeadLetterPage.END);
        }
        List<DeadLetter> letters = page.letters();
        if (cli.json()) {
            letters.forEach(letter -> cli.println(Views.line(Views.deadLetter(letter))));
            return ExitCodes.OK;
        }
        if (letters.isEmpty()) {
            cli.println("no dead letters" + (selection.isEmpty() ? "" : " match") + (offset > 0 ? " at this offset" : ""));
            return ExitCodes.OK;
        }
        Table table = new Table().left("ID").left("LAST DEATH").left("REASON").left("TOPIC").left("SUBSCRIBER")
                .right("DELIVERIES").right("DEATHS").left("LAST ERROR");
        letters.forEach(letter -> table.row(letter.id(), letter.death().lastDeath(), letter.death().reason().wireName(),
                letter.death().originalTopic(), letter.death().subscriber(), letter.death().deliveryCount(),
                letter.death().deaths(), MessageLines.abbreviate(letter.death().lastError(), ERROR_CHARS)));
        table.lines().forEach(cli::println);
        if (page.hasMore()) {
            cli.println("more: --offset " + page.nextOffset());
        }
        return ExitCodes.OK;
    }
}
