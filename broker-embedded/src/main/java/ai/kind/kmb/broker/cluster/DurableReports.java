package ai.kind.kmb.broker.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the nodes of a bus report to each other of the durables they serve, so that any node can
 * show a durable's members on all of them. Each node writes its {@link DurablesReport} with its
 * responder listing, on the same heartbeat and with the same time to live
 * ({@link ResponderDirectory}); a node that dies without a word drops out when its entry runs out.
 */
public interface DurableReports {
    /** A node alone: nobody to tell, nobody else to read. */
    DurableReports ALONE = new DurableReports() {
        @Override
        public void membersChanged() {
            // Alone: nobody to tell.
        }

        @Override
        public CompletableFuture<List<DurablesReport>> read() {
            return CompletableFuture.completedFuture(List.of());
        }
    };

    /**
     * A member of some durable attached to this node or left it: write this node's report now
     * rather than at the next heartbeat, so that the others show it at once. Never blocks.
     */
    void membersChanged();

    /** Every live node's last report, this node's own entry included, read from the shared server now. */
    CompletableFuture<List<DurablesReport>> read();
}
