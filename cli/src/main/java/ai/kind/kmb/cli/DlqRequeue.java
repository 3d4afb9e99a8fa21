package ai.kind.kmb.cli;

import ai.kind.kmb.PublishAck;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.dlq.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "requeue", mixinStandardHelpOptions = true,
        description = {"Publishes dead messages again and removes their letters.",
                "Durably, to the original topic (or --to another topic), keeping ids and death history; stops at the first failure."})
final class DlqRequeue implements Callable<Integer> {
    private final Cli cli;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "The dead letters to requeue.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Every dead letter that --reason and --topic select, instead of IDs.")
    private boolean all;

    @Mixin
    private DlqSelection selection = new DlqSelection();

    @Option(names = {"--to", "--target"}, paramLabel = "TOPIC", description = "Publish to this topic instead of the original.")
    private String target;

    DlqRequeue(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (all == !ids.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, all ? "give dead letter IDs or --all, not both"
                    : "say which dead letters: one or more IDs, or --all");
        }
        if (!all && !selection.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "--reason and --topic select letters for --all; with IDs they do nothing");
        }
        try (BusConnection bus = cli.connect()) {
            List<String> chosen = all ? bus.deadLetters().list(selection.query(0)).stream().map(DeadLetter::id).toList()
                    : ids;
            for (String id : chosen) {
                report(id, bus.deadLetters().requeue(id, target).join());
            }
            if (chosen.isEmpty() && !cli.json()) {
                cli.println("no dead letters to requeue");
            }
        }
        return ExitCodes.OK;
    }

    private void report(String letterId, PublishAck ack) {
        if (cli.json()) {
            cli.println(Views.line(Views.ack(ack).put("dead_letter", letterId)));
        } else {
            cli.println("requeued " + letterId + " as message " + ack.id() + " at offset " + ack.offset());
        }
    }
}
