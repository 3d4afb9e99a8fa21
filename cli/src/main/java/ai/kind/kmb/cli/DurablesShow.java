package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableJson;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.NodeActivity;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one durable consumer: its position, what is unsettled and where, and its lag.")
final class DurablesShow implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The durable, as 'durables list' shows it.")
    private String name;

    DurablesShow(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        DurableInfo durable;
        try (BusConnection bus = cli.connect()) {
            durable = bus.durables().get(name);
        }
        if (cli.json()) {
            cli.println(Views.line(DurableJson.toJson(durable)));
            return ExitCodes.OK;
        }
        cli.println("name:       " + durable.name());
        cli.println("filter:     " + durable.filter());
        cli.println("group:      " + (durable.group() == null ? "-" : durable.group()));
        cli.println("position:   " + durable.progress().position() + " (the last offset it took from the log)");
        switch (durable.progress()) {
            case DurableProgress.OneNode one -> cli.println("ack floor:  " + one.ackFloor()
                    + " (every offset up to it is settled)");
            case DurableProgress.SharedGroup shared -> cli.println("claimed:    " + claims(shared));
        }
        cli.println("unsettled:  " + durable.unsettled());
        cli.println("lag:        " + durable.lag() + " (offsets past its position, at most this many messages)");
        NodeActivity here = durable.here();
        cli.println("here:       " + here.members() + (here.members() == 1 ? " member, " : " members, ")
                + here.inFlight() + " in flight, " + here.waiting() + " waiting");
        return ExitCodes.OK;
    }

    private static String claims(DurableProgress.SharedGroup shared) {
        if (shared.claimedByNode().isEmpty()) {
            return "none";
        }
        StringJoiner byNode = new StringJoiner(", ");
        shared.claimedByNode().forEach((node, count) -> byNode.add(count + " by node " + node));
        return byNode.toString();
    }
}
