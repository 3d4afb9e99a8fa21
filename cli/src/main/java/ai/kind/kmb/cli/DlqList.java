package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.dlq.DeadLetter;
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
            description = "At most N letters (default 100; 0 for all the server gives, up to 10000).")
    private int limit;

    DlqList(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<DeadLetter> letters;
        try (BusConnection bus = cli.connect()) {
            letters = bus.deadLetters().list(selection.query(limit));
        }
        if (cli.json()) {
            letters.forEach(letter -> cli.println(Views.line(Views.deadLetter(letter))));
            return ExitCodes.OK;
        }
        if (letters.isEmpty()) {
            cli.println("no dead letters" + (selection.isEmpty() ? "" : " match"));
            return ExitCodes.OK;
        }
        Table table = new Table().left("ID").left("LAST DEATH").left("REASON").left("TOPIC").left("SUBSCRIBER")
                .right("DELIVERIES").right("DEATHS").left("LAST ERROR");
        letters.forEach(letter -> table.row(letter.id(), letter.death().lastDeath(), letter.death().reason().wireName(),
                letter.death().originalTopic(), letter.death().subscriber(), letter.death().deliveryCount(),
                letter.death().deaths(), MessageLines.abbreviate(letter.death().lastError(), ERROR_CHARS)));
        table.lines().forEach(cli::println);
        return ExitCodes.OK;
    }
}
