package ai.kind.kmb.ui.testing;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Snapshots in a list, newest first per agent, for views tested without a broker. */
public final class InMemorySnapshots implements SnapshotAdmin {
    private final List<Snapshot> saved = new CopyOnWriteArrayList<>();
    private final Instant start = Instant.parse("2026-01-01T10:00:00Z");

    @Override
    public SnapshotInfo save(String agent, long offset, List<String> filters, JsonNode state) {
        SnapshotInfo info = new SnapshotInfo("snap-" + (saved.size() + 1), agent, offset, filters,
                start.plusSeconds(saved.size()), state.toString().length());
        saved.addFirst(new Snapshot(info, state));
        return info;
    }

    @Override
    public Optional<Snapshot> latest(String agent) {
        return saved.stream().filter(snapshot -> snapshot.info().agent().equals(agent)).findFirst();
    }

    @Override
    public Snapshot get(String agent, String id) {
        return saved.stream().filter(snapshot -> snapshot.info().id().equals(id)).findFirst()
                .orElseThrow(() -> new KmbException(ErrorCode.NOT_FOUND, "no snapshot " + id));
    }

    @Override
    public List<SnapshotInfo> history(String agent) {
        return saved.stream().filter(snapshot -> snapshot.info().agent().equals(agent)).map(Snapshot::info).toList();
    }

    @Override
    public List<SnapshotInfo> agents() {
        List<SnapshotInfo> latest = new ArrayList<>();
        saved.stream().map(Snapshot::info).map(SnapshotInfo::agent).distinct()
                .forEach(agent -> latest.add(latest(agent).orElseThrow().info()));
        latest.sort(Comparator.comparing(SnapshotInfo::agent));
        return latest;
    }
}
