package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableJson;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows one durable consumer: its position, what is unsettled and where, and its lag;",
                "on the server asked its delivery settings and when it last delivered and had an ack; and its",
                "members on every node that serves it, and what each holds."})
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
        } else {
            print(durable);
        }
        return ExitCodes.OK;
    }

    /** For people: the durable's figures, what the server asked does for it, and its members on every node. */
    void print(DurableInfo durable) {
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
        if (durable.progress() instanceof DurableProgress.SharedGroup) {
            printNodes(durable);
        }
        printMembers(durable);
    }

    /** What the server asked does for the durable: it alone knows its settings and times. */
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
    }

    /** On a shared bus, every node serving the durable and what it holds, as each last reported. */
    private void printNodes(DurableInfo durable) {
        int serving = durable.nodes().size();
        cli.println("nodes:      " + serving + (serving == 1 ? " node serves it" : " nodes serve it")
                + " (each as it last reported; the server asked as it answered)");
        if (serving == 0) {
            return;
        }
        Table nodes = new Table().left("NODE").right("MEMBERS").right("IN FLIGHT").right("WAITING").left("REPORTED");
        for (NodeReport report : durable.nodes()) {
            NodeActivity activity = report.activity();
            nodes.row(node(durable, activity), activity.members(), activity.inFlight(), activity.waiting(),
                    time(report.reportedAt()));
        }
        nodes.lines().forEach(line -> cli.println("  " + line));
    }

    /** Each member on every node serving the durable; a node lists so many, and counts the rest. */
    private void printMembers(DurableInfo durable) {
        Table members = new Table().left("NODE").left("CLIENT").left("CONNECTION").left("ADDRESS").left("ACK")
                .right("IN FLIGHT").left("SINCE");
        List<String> leftOut = new ArrayList<>();
        for (NodeReport report : durable.nodes()) {
            NodeActivity activity = report.activity();
            String node = node(durable, activity);
            for (DurableSubscriber member : activity.subscribers()) {
                members.row(node, member.clientId(), member.inProcess() ? "in process" : member.connection(),
                        member.address(), member.ack().wireName(), member.inFlight(), time(member.since()));
            }
            if (activity.membersLeftOut() > 0) {
                leftOut.add("  (" + (activity.node() == null ? "this server" : "node " + activity.node()) + " lists "
                        + activity.subscribers().size() + " of its " + activity.members() + " members)");
            }
        }
        if (!members.isEmpty()) {
            cli.println("members:");
            members.lines().forEach(line -> cli.println("  " + line));
            leftOut.forEach(cli::println);
        }
    }

    /** The node's id, "(here)" after the server asked; "-" for a server alone on its store. */
    private static String node(DurableInfo durable, NodeActivity activity) {
        if (activity.node() == null) {
            return null;
        }
        return activity.node().equals(durable.here().node()) ? activity.node() + " (here)" : activity.node();
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
