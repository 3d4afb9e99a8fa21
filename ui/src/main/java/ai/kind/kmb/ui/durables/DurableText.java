package ai.kind.kmb.ui.durables;

import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.NodeActivity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the durables view words a durable: table cells, the summary line, the detail pane and the delete question. */
public final class DurableText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

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
        return shared.claimedByNode().entrySet().stream().map(claim -> claim.getKey() + " " + count(claim.getValue()))
                .collect(Collectors.joining(" · "));
    }

    static boolean shared(DurableInfo durable) {
        return durable.progress() instanceof DurableProgress.SharedGroup;
    }

    /** "2 durables · 15 unsettled · 3 members here · read at 12:03:04". */
    static String summary(List<DurableInfo> durables, Instant readAt, ZoneId zone) {
        long unsettled = durables.stream().mapToLong(DurableInfo::unsettled).sum();
        long members = durables.stream().mapToLong(durable -> durable.here().members()).sum();
        String counts = durables.isEmpty() ? "No durables"
                : plural(durables.size(), "durable") + " · " + count(unsettled) + " unsettled · "
                + plural(members, "member") + " here";
        return counts + " · read at " + TIME.format(readAt.atZone(zone));
    }

    /** The summary once a read failed: the rows shown are the last ones read. */
    static String stale(int shown, Instant readAt, ZoneId zone) {
        return "Not current: " + plural(shown, "durable") + " as read at " + TIME.format(readAt.atZone(zone));
    }

    static List<DurableDetail> details(DurableInfo durable) {
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
                shared.claimedByNode().forEach((node, held) -> lines.add(new DurableDetail("Claimed by " + node,
                        count(held), "unsettled messages that node holds")));
            }
        }
        lines.add(new DurableDetail("Lag", count(durable.lag()),
                "offsets past its position: at most this many messages still to take"));
        NodeActivity here = durable.here();
        lines.add(new DurableDetail("Members here", count(here.members()), "attached to the broker that answered"));
        lines.add(new DurableDetail("In flight here", count(here.inFlight()), "with a member, awaiting an ack"));
        lines.add(new DurableDetail("Waiting here", count(here.waiting()),
                "due for redelivery, waiting for a member, or being dead-lettered"));
        return lines;
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
