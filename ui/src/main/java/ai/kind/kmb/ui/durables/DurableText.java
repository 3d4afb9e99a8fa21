package ai.kind.kmb.ui.durables;

import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * How the durables view words a durable: table cells, the summary line, the detail pane, the
 * members table and the delete question. Members, in flight and waiting are counted on every node
 * that serves the durable, as each last reported; the figures marked "here" are the answering
 * broker's own.
 */
public final class DurableText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int SHORT_NODE = 8;

    private DurableText() {
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** The group, or a dash for a durable that takes one subscriber at a time. */
    public static String group(DurableInfo durable) {
        return durable.group() == null ? "—" : durable.group();
    }

    /** On a shared bus, the unsettled messages by the node holding them ("node-a 3 · node-b 1"); blank on one broker. */
    public static String claims(DurableInfo durable) {
        if (!(durable.progress() instanceof DurableProgress.SharedGroup shared)) {
            return "";
        }
        if (shared.claimedByNode().isEmpty()) {
            return "none";
        }
        return shared.claimedByNode().entrySet().stream().map(claim -> node(claim.getKey()) + " " + count(claim.getValue()))
                .collect(Collectors.joining(" · "));
    }

    static boolean shared(DurableInfo durable) {
        return durable.progress() instanceof DurableProgress.SharedGroup;
    }

    /** Summed over the nodes that serve the durable: its members, or what they hold in flight or waiting. */
    static long onAllNodes(DurableInfo durable, ToIntFunction<NodeActivity> figure) {
        return durable.nodes().stream().mapToLong(report -> figure.applyAsInt(report.activity())).sum();
    }

    /** "2 durables · 15 unsettled · 3 members here · read at 12:03:04"; on a shared bus "5 members on 2 nodes". */
    static String summary(List<DurableInfo> durables, Instant readAt, ZoneId zone) {
        long unsettled = durables.stream().mapToLong(DurableInfo::unsettled).sum();
        long members = durables.stream().mapToLong(DurableInfo::membersOnAllNodes).sum();
        long nodes = durables.stream().flatMap(durable -> durable.nodes().stream())
                .map(report -> report.activity().node()).distinct().count();
        String where = durables.stream().anyMatch(DurableText::shared) ? " on " + plural(nodes, "node") : " here";
        String counts = durables.isEmpty() ? "No durables"
                : plural(durables.size(), "durable") + " · " + count(unsettled) + " unsettled · "
                + plural(members, "member") + where;
        return counts + " · read at " + TIME.format(readAt.atZone(zone));
    }

    /** The summary once a read failed: the rows shown are the last ones read. */
    static String stale(int shown, Instant readAt, ZoneId zone) {
        return "Not current: " + plural(shown, "durable") + " as read at " + TIME.format(readAt.atZone(zone));
    }

    /** The detail pane's figures, times in {@code zone} and how long before {@code readAt}, when they were read. */
    static List<DurableDetail> details(DurableInfo durable, Instant readAt, ZoneId zone) {
        List<DurableDetail> lines = new ArrayList<>();
        lines.add(new DurableDetail("Filter", durable.filter(), ""));
        lines.add(new DurableDetail("Group", group(durable), durable.group() == null
                ? "none: one subscriber at a time" : "each message goes to one member"));
        switch (durable.progress()) {
            case DurableProgress.OneNode one -> {
                lines.add(new DurableDetail("Kept by", "this broker", "alone on its store"));
                lines.add(new DurableDetail("Position", count(one.position()), "the last offset it took from the log"));
                lines.add(new DurableDetail("Ack floor", count(one.ackFloor()), "every offset up to it is settled"));
                lines.add(new DurableDetail("Unsettled", count(one.unsettled()),
                        "taken, not yet acknowledged or dead-lettered"));
            }
            case DurableProgress.SharedGroup shared -> {
                lines.add(new DurableDetail("Kept by", "the shared bus", "one position for every node"));
                lines.add(new DurableDetail("Position", count(shared.position()), "the last offset it took from the log"));
                lines.add(new DurableDetail("Unsettled", count(shared.unsettled()),
                        "across the bus: taken, not yet acknowledged or dead-lettered"));
                if (shared.claimedByNode().isEmpty()) {
                    lines.add(new DurableDetail("Claims", "none", "no node holds an unsettled message"));
                }
                shared.claimedByNode().forEach((node, held) -> lines.add(new DurableDetail("Claimed by " + node(node),
                        count(held), "unsettled messages that node holds")));
            }
        }
        lines.add(new DurableDetail("Lag", count(durable.lag()),
                "offsets past its position: at most this many messages still to take"));
        if (shared(durable)) {
            durable.nodes().forEach(report -> lines.add(onNode(durable, report, readAt, zone)));
        }
        lines.addAll(here(durable.here(), readAt, zone));
        return lines;
    }

    /** "On node node-b": what it does for the durable, and when it said so. */
    private static DurableDetail onNode(DurableInfo durable, NodeReport report, Instant readAt, ZoneId zone) {
        NodeActivity activity = report.activity();
        boolean here = activity.node().equals(durable.here().node());
        return new DurableDetail("On node " + node(activity.node()), plural(activity.members(), "member") + " · "
                + count(activity.inFlight()) + " in flight · " + count(activity.waiting()) + " waiting",
                here ? "the node that answered, as it answered" : "as it reported at " + when(report.reportedAt(),
                        readAt, zone) + "; nodes report every few seconds");
    }

    /** What the broker that answered does for the durable: its books, when they last moved, its settings. */
    private static List<DurableDetail> here(NodeActivity here, Instant readAt, ZoneId zone) {
        List<DurableDetail> lines = new ArrayList<>();
        if (here.node() != null) {
            lines.add(new DurableDetail("Node here", here.node(),
                    "the broker that answered; the figures below are its own"));
        }
        lines.add(new DurableDetail("Members here", count(here.members()), "attached to the broker that answered"));
        lines.add(new DurableDetail("In flight here", count(here.inFlight()), "with a member, awaiting an ack"));
        lines.add(new DurableDetail("Waiting here", count(here.waiting()),
                "due for redelivery, waiting for a member, or being dead-lettered"));
        lines.add(new DurableDetail("Last delivered", when(here.lastDelivered(), readAt, zone),
                "by this broker, redeliveries too"));
        lines.add(new DurableDetail("Last ack", when(here.lastAcked(), readAt, zone), "from a member here"));
        DurableSettings settings = here.settings();
        if (settings == null) {
            lines.add(new DurableDetail("Settings", "—",
                    "not served here now: the subscribe that starts it sets them"));
        } else {
            lines.add(new DurableDetail("Ack wait", span(settings.ackWait()),
                    "redelivered when not acknowledged within it"));
            lines.add(new DurableDetail("Max deliver", count(settings.maxDeliver()),
                    "deliveries, then the dead-letter queue"));
            lines.add(new DurableDetail("Backoff", settings.backoff().isEmpty() ? "none"
                    : settings.backoff().stream().map(DurableText::span).collect(Collectors.joining(", ")),
                    settings.backoff().isEmpty() ? "redelivered at once" : "before each redelivery; the last repeats"));
            lines.add(new DurableDetail("Max in flight", count(settings.maxInflight()),
                    "unsettled at once here; at it, no new messages are taken"));
        }
        return lines;
    }

    /** The members table's rows, node by node: where each member is, who it is and what it holds. */
    static List<DurableMemberRow> members(DurableInfo durable, ZoneId zone) {
        List<DurableMemberRow> rows = new ArrayList<>();
        for (NodeReport report : durable.nodes()) {
            String node = nodeName(durable, report.activity());
            report.activity().subscribers().forEach(member -> rows.add(new DurableMemberRow(node,
                    member.inProcess() ? "in process" : member.clientId(),
                    member.inProcess() ? "—" : member.connection(), member.inProcess() ? "—" : member.address(),
                    member.ack().wireName(), member.inFlight(), TIME.format(member.since().atZone(zone)))));
        }
        return rows;
    }

    private static String nodeName(DurableInfo durable, NodeActivity activity) {
        if (activity.node() == null) {
            return "this broker";
        }
        String node = node(activity.node());
        return activity.node().equals(durable.here().node()) ? node + " (here)" : node;
    }

    /**
     * A node id short enough for a label or a cell: a generated id (a UUID) by its first 8
     * characters, as commits go by their short hash; "Node here" gives the answering node's in full.
     */
    static String node(String id) {
        return id.length() <= SHORT_NODE + 4 ? id : id.substring(0, SHORT_NODE) + "…";
    }

    /** Over the members table: whose members, on how many nodes, and how many a node's listing left out. */
    static String membersTitle(DurableInfo durable) {
        int nodes = durable.nodes().size();
        String where = !shared(durable) ? "this broker" : nodes == 0 ? "no node" : plural(nodes, "node");
        long leftOut = onAllNodes(durable, NodeActivity::membersLeftOut);
        return "Members of " + durable.name() + " on " + where
                + (leftOut == 0 ? "" : " · " + count(leftOut) + " more not listed");
    }

    /** What the empty members table says of the picked durable. */
    static String noMembers(DurableInfo durable) {
        if (shared(durable)) {
            return durable.nodes().isEmpty()
                    ? "No node of the bus serves " + durable.name() + " now: no subscriber of it is attached anywhere."
                    : "No member of " + durable.name() + " is attached to any node now: what the nodes hold waits "
                    + "for the next subscriber.";
        }
        return durable.here().settings() == null
                ? "This broker does not serve " + durable.name() + " now: no subscriber of it is attached here."
                : "No member of " + durable.name() + " is attached here now: what it holds waits for the next "
                + "subscriber.";
    }

    /** "10:02:11 (4 s before the read)", or a dash for never. */
    static String when(Instant time, Instant readAt, ZoneId zone) {
        if (time == null) {
            return "—";
        }
        Duration before = Duration.between(time, readAt);
        return TIME.format(time.atZone(zone)) + (before.isNegative() ? "" : " (" + span(before) + " ago)");
    }

    /** A delay as people say it: 500 ms, 1.5 s, 30 s, 2 min, 1 h 5 min. */
    static String span(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return millis % 1_000 == 0 ? millis / 1_000 + " s"
                    : String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        }
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            long seconds = duration.toSecondsPart();
            return minutes + " min" + (seconds == 0 ? "" : " " + seconds + " s");
        }
        long rest = duration.toMinutesPart();
        return duration.toHours() + " h" + (rest == 0 ? "" : " " + rest + " min");
    }

    static String deleteQuestion(DurableInfo durable) {
        String question = "Delete durable '" + durable.name() + "'? The broker forgets its position and its "
                + plural(durable.unsettled(), "unsettled message") + ", which nobody gets redelivered, and lets go of "
                + plural(durable.here().members(), "member") + " here. Subscribing again starts a new durable.";
        if (shared(durable)) {
            question += " On a shared bus its group goes too, and a node still serving it starts it again from the "
                    + "retained log: stop its subscribers first.";
        }
        return question;
    }

    static String plural(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
