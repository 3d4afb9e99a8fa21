package ai.kind.kmb.cli;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one dead letter: why it died, and the whole original message.")
final class DlqShow implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id, as 'dlq list' shows it.")
    private String id;

    DlqShow(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        DeadLetter letter;
        try (BusConnection bus = cli.connect()) {
            letter = bus.deadLetters().get(id);
        }
        if (cli.json()) {
            cli.println(Views.line(Views.deadLetter(letter)));
            return ExitCodes.OK;
        }
        DeathRecord death = letter.death();
        cli.println("id:          " + letter.id());
        cli.println("reason:      " + death.reason().wireName());
        cli.println("topic:       " + death.originalTopic());
        cli.println("subscriber:  " + death.subscriber());
        cli.println("deliveries:  " + death.deliveryCount());
        cli.println("deaths:      " + death.deaths() + " (first " + death.firstDeath() + ", last " + death.lastDeath() + ")");
        cli.println("last error:  " + (death.lastError() == null ? "-" : death.lastError()));
        cli.println("message:");
        cli.println(Views.pretty(EnvelopeCodec.toJson(letter.message())));
        return ExitCodes.OK;
    }
}
