package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableJson;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows one durable consumer: its position, what is unsettled and where, and its lag;",
                "and on the server asked its delivery settings, its members and what each holds, and when it",
                "last delivered and had an ack."})
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
        printHere(durable.here());
        return ExitCodes.OK;
    }

    /** What the server asked does for the durable: it alone knows its settings, members and times. */
    private void printHere(NodeActivity here) {
        if (here.node() != null) {
            cli.println("node:       " + here.node() + " (the server asked; the figures below are its own)");
        }
        cli.println("here:       " + here.members() + (here.members() == 1 ? " member, " : " members, ")
                + here.inFlight() + " in flight, " + here.waiting() + " waiting");
        cli.println("settings:   " + settings(here.settings()));
        cli.println("delivered:  " + time(here.lastDelivered())
                + " (when this server last delivered one, redeliveries too)");
        cli.println("acked:      " + time(here.lastAcked()) + " (when a member here last acknowledged one)");
        if (!here.subscribers().isEmpty()) {
            cli.println("members:");
            Table members = new Table().left("CLIENT").left("CONNECTION").left("ADDRESS").left("ACK")
                    .right("IN FLIGHT").left("SINCE");
            for (DurableSubscriber member : here.subscribers()) {
                members.row(member.clientId(), member.inProcess() ? "in process" : member.connection(),
                        member.address(), member.ack().wireName(), member.inFlight(), time(member.since()));
            }
            members.lines().forEach(line -> cli.println("  " + line));
        }
    }

    private static String settings(DurableSettings settings) {
        if (settings == null) {
            return "- (not served here now; the subscribe that starts it on a server sets them)";
        }
        String backoff = settings.backoff().isEmpty() ? "none"
                : String.join(" ", settings.backoff().stream().map(Converters::text).toList());
        return "ack wait " + Converters.text(settings.ackWait()) + ", max deliver " + settings.maxDeliver()
                + ", backoff " + backoff + ", max in flight " + settings.maxInflight();
    }

    /** To the millisecond: finer says nothing to a person. */
    private static String time(Instant time) {
        return time == null ? "-" : time.truncatedTo(ChronoUnit.MILLIS).toString();
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
