package ai.kind.kmb.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/** A saved agent state (any JSON value) and what it covers. */
public record Snapshot(SnapshotInfo info, JsonNode state) {
}
