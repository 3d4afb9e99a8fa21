package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code kmbctl durables show} prints of a durable served by two nodes of a shared bus. */
class DurablesShowTest {
    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");
    private static final DurableSettings SETTINGS = new DurableSettings(Duration.ofSeconds(30), 5, List.of(), 100);

    @Test
    void everyNodeServingTheDurableIsListedAndItsMembersSitInOneTableWithTheirNode() {
        NodeActivity onA = new NodeActivity("node-a", List.of(member("worker-1", 3)), 3, 0, SETTINGS, AT, null);
        NodeActivity onB = new NodeActivity("node-b", 3, List.of(member("worker-2", 1), member("worker-3", 0)), 1, 2,
                SETTINGS, AT, AT);
        DurableInfo workers = new DurableInfo("workers", "jobs.#", "pool", new DurableProgress.SharedGroup(500,
                Map.of("node-a", 3L, "node-b", 3L)), 140, onA,
                List.of(new NodeReport(onA, AT), new NodeReport(onB, AT.minusSeconds(3))));
        StringWriter out = new StringWriter();
        Cli cli = new Cli(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                new ByteArrayInputStream(new byte[0]), Map.of(), target -> {
                    throw new AssertionError("printing connects to nothing");
                });

        new DurablesShow(cli).print(workers);

        List<String> lines = List.of(out.toString().split("\\R"));
        int nodes = lines.indexOf("nodes:      2 nodes serve it (each as it last reported; the server asked as it "
                + "answered)");
        assertThat(nodes).isPositive();
        assertThat(lines.subList(nodes + 1, nodes + 4)).containsExactly(
                "  NODE           MEMBERS  IN FLIGHT  WAITING  REPORTED",
                "  node-a (here)        1          3        0  2026-01-05T10:00:00Z",
                "  node-b               3          1        2  2026-01-05T09:59:57Z");
        int members = lines.indexOf("members:");
        assertThat(lines.subList(members + 1, lines.size())).containsExactly(
                "  NODE           CLIENT    CONNECTION     ADDRESS         ACK     IN FLIGHT  SINCE",
                "  node-a (here)  worker-1  conn-worker-1  10.0.0.5:41000  manual          3  2026-01-05T09:00:00Z",
                "  node-b         worker-2  conn-worker-2  10.0.0.5:41000  manual          1  2026-01-05T09:00:00Z",
                "  node-b         worker-3  conn-worker-3  10.0.0.5:41000  manual          0  2026-01-05T09:00:00Z",
                "  (node node-b lists 2 of its 3 members)");
        assertThat(lines).contains("node:       node-a (the server asked; the figures below are its own)");
    }

    private static DurableSubscriber member(String client, int inFlight) {
        return new DurableSubscriber(client, "conn-" + client, "10.0.0.5:41000", AckMode.MANUAL, inFlight,
                AT.minusSeconds(3600));
    }
}
