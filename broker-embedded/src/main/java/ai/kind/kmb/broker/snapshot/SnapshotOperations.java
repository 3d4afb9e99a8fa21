package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.snapshot.SnapshotNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The broker's snapshots: checks what is saved, names and stamps it, and keeps the newest
 * {@value #KEEP} of each agent. Pruning happens right after a save and keeps the one just saved,
 * so an agent's latest snapshot is never deleted; message retention does not reach the store.
 */
public final class SnapshotOperations implements SnapshotAdmin, AutoCloseable {
    public static final int KEEP = 10;
    /** A state larger than this belongs in a blob store with its address in the snapshot. */
    public static final int MAX_STATE_BYTES = 16 * 1024 * 1024;

    private final SnapshotStore store;
    private final Clock clock;

    public SnapshotOperations(SnapshotStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public SnapshotInfo save(String agent, long offset, List<String> filters, JsonNode state) {
        SnapshotNames.requireAgent(agent);
        List<String> covered = SnapshotNames.requireCoverage(offset, filters);
        if (state == null || state.isMissingNode()) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "a snapshot needs a state (any JSON value)");
        }
        long bytes = size(state);
        if (bytes > MAX_STATE_BYTES) {
            throw new KmbException(ErrorCode.TOO_LARGE, "the state of agent '" + agent + "' is " + bytes
                    + " bytes; a snapshot holds at most " + MAX_STATE_BYTES);
        }
        // Whole microseconds, as the durable stores keep them: the answer to a save equals what reads return later.
        Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SnapshotInfo info = new SnapshotInfo(UUID.randomUUID().toString(), agent, offset, covered, takenAt, bytes);
        store.save(new Snapshot(info, state));
        store.prune(agent, KEEP);
        return info;
    }

    @Override
    public Optional<Snapshot> latest(String agent) {
        return store.latest(SnapshotNames.requireAgent(agent));
    }

    @Override
    public Snapshot get(String agent, String id) {
        return store.get(SnapshotNames.requireAgent(agent), id).orElseThrow(() -> new KmbException(ErrorCode.NOT_FOUND,
                "agent '" + agent + "' has no snapshot '" + id + "'"));
    }

    @Override
    public List<SnapshotInfo> history(String agent) {
        return store.history(SnapshotNames.requireAgent(agent));
    }

    @Override
    public List<SnapshotInfo> agents() {
        return store.agents();
    }

    private static long size(JsonNode state) {
        try {
            return Json.mapper().writeValueAsString(state).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "the state is not writable as JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
