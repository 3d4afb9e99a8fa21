package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.snapshot.SnapshotNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Agents' snapshots on a KMB server, over its {@code /v1/snapshots} routes; names are checked here first. */
final class RemoteSnapshots implements SnapshotAdmin {
    private final RestClient rest;

    RemoteSnapshots(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public SnapshotInfo save(String agent, long offset, List<String> filters, JsonNode state) {
        return rest.saveSnapshot(SnapshotNames.requireAgent(agent), offset,
                SnapshotNames.requireCoverage(offset, filters), state);
    }

    @Override
    public Optional<Snapshot> latest(String agent) {
        try {
            return Optional.of(rest.latestSnapshot(SnapshotNames.requireAgent(agent)));
        } catch (KmbException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Snapshot get(String agent, String id) {
        return rest.snapshot(SnapshotNames.requireAgent(agent), id);
    }

    @Override
    public List<SnapshotInfo> history(String agent) {
        return rest.snapshotHistory(SnapshotNames.requireAgent(agent));
    }

    @Override
    public List<SnapshotInfo> agents() {
        return rest.snapshotAgents();
    }
}
