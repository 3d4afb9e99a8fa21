package ai.kind.kmb.durable;

import java.util.List;

/**
 * A durable consumer as the broker that answered knows it: its name, filter and group (null
 * without one), its progress through the log, what that broker does for it now ({@code here}),
 * and what every node serving it reports ({@code nodes}).
 *
 * @param lag   how many offsets the log runs past the durable's position: an upper bound on the
 *              messages still to take, since offsets its filter skips count too
 * @param nodes each live node serving the durable now, the answering one first when it does, then
 *              by node id; alone on its store, just that broker when it serves the durable
 */
public record DurableInfo(String name, String filter, String group, DurableProgress progress, long lag,
                          NodeActivity here, List<NodeReport> nodes) {
    public DurableInfo {
        nodes = List.copyOf(nodes);
    }

    public long unsettled() {
        return progress.unsettled();
    }

    /** The members on every node that serves the durable. */
    public long membersOnAllNodes() {
        return nodes.stream().mapToLong(report -> report.activity().members()).sum();
    }
}
