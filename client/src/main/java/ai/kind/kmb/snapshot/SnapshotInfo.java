package ai.kind.kmb.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What a snapshot is, without its state: the agent it belongs to, the log offset it covers (every
 * message on the agent's {@code filters} up to and including it is in the state), when it was
 * taken and the size of its state in bytes (UTF-8 JSON).
 */
public record SnapshotInfo(String id, String agent, long offset, List<String> filters, Instant takenAt, long bytes) {
    public SnapshotInfo {
        filters = List.copyOf(filters);
    }
}
