package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Snapshots in memory, newest first per agent: for the in-memory broker and for tests. */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<String, LinkedList<Snapshot>> byAgent = new TreeMap<>();

    @Override
    public synchronized void save(Snapshot snapshot) {
        byAgent.computeIfAbsent(snapshot.info().agent(), agent -> new LinkedList<>()).addFirst(snapshot);
    }

    @Override
    public synchronized Optional<Snapshot> latest(String agent) {
        LinkedList<Snapshot> kept = byAgent.get(agent);
        return kept == null ? Optional.empty() : Optional.of(kept.getFirst());
    }

    @Override
    public synchronized Optional<Snapshot> get(String agent, String id) {
        return byAgent.getOrDefault(agent, new LinkedList<>()).stream()
                .filter(snapshot -> snapshot.info().id().equals(id)).findFirst();
    }

    @Override
    public synchronized List<SnapshotInfo> history(String agent) {
        return byAgent.getOrDefault(agent, new LinkedList<>()).stream().map(Snapshot::info).toList();
    }

    @Override
    public synchronized List<SnapshotInfo> agents() {
        List<SnapshotInfo> latest = new ArrayList<>();
        byAgent.values().forEach(kept -> latest.add(kept.getFirst().info()));
        return latest;
    }

    @Override
    public synchronized int prune(String agent, int keep) {
        LinkedList<Snapshot> kept = byAgent.get(agent);
        int removed = 0;
        while (kept != null && kept.size() > Math.max(1, keep)) {
            kept.removeLast();
            removed++;
        }
        return removed;
    }

    @Override
    public void close() {
        // Nothing to release: the snapshots go with the process.
    }
}
