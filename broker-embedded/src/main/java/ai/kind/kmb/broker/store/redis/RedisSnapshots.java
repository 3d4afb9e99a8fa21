package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ScriptOutputType;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Agents' snapshots under the store's prefix: descriptions and states in two hashes by id (so that
 * listings never read states), each agent's ids in a sorted set scored by a counter that orders
 * saves across every node, and a hash of each agent's newest id. Every call is one script, so a
 * reader sees a snapshot whole or not at all, and a prune deletes each id once however many nodes
 * prune at once. A save returns once Redis ran its script; what that survives is Redis's
 * persistence, as for messages ({@code docs/storage.md}). Snapshots live in Redis's memory: up to
 * ten per agent, each up to the broker's state limit.
 */
final class RedisSnapshots implements SnapshotRecords {
    private static final RedisScripts.Script SAVE = RedisScripts.load("snapshot_save");
    private static final RedisScripts.Script READ = RedisScripts.load("snapshot_read");
    private static final RedisScripts.Script LIST = RedisScripts.load("snapshot_list");
    private static final RedisScripts.Script PRUNE = RedisScripts.load("snapshot_prune");

    /** A snapshot's description as stored; times in microseconds, as every Redis value. */
    record InfoJson(String id, String agent, long offset, List<String> filters, long taken_at, long bytes) {
    }

    private final RedisLink link;
    private final RedisKeys keys;

    RedisSnapshots(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    @Override
    public void save(Snapshot snapshot) {
        SnapshotInfo info = snapshot.info();
        String description = RedisCodec.write(new InfoJson(info.id(), info.agent(), info.offset(), info.filters(),
                RedisCodec.micros(info.takenAt()), info.bytes()));
        String state = RedisCodec.write(snapshot.state());
        Long seq = link.await("save a snapshot of agent " + info.agent(), link.<Long>script(SAVE,
                ScriptOutputType.INTEGER, new String[] {keys.snapshotSequence(), keys.snapshotInfos(),
                        keys.snapshotStates(), keys.snapshotsOf(info.agent()), keys.latestSnapshots()},
                info.id(), info.agent(), description, state));
        if (seq < 0) {
            throw new KmbException(ErrorCode.INTERNAL, "message store " + link.url() + ": a snapshot with the id "
                    + info.id() + " is already stored");
        }
    }

    @Override
    public Optional<Snapshot> latest(String agent) {
        return read("read the latest snapshot of agent " + agent, agent, "");
    }

    @Override
    public Optional<Snapshot> get(String agent, String id) {
        return read("read snapshot " + id + " of agent " + agent, agent, id);
    }

    @Override
    public List<SnapshotInfo> history(String agent) {
        return list("list the snapshots of agent " + agent, "history", keys.snapshotsOf(agent));
    }

    @Override
    public List<SnapshotInfo> agents() {
        return list("list the agents' snapshots", "agents", keys.latestSnapshots()).stream()
                .sorted(Comparator.comparing(SnapshotInfo::agent)).toList();
    }

    @Override
    public int prune(String agent, int keep) {
        Long removed = link.await("prune the snapshots of agent " + agent, link.<Long>script(PRUNE,
                ScriptOutputType.INTEGER, new String[] {keys.snapshotInfos(), keys.snapshotStates(),
                        keys.snapshotsOf(agent)}, Integer.toString(Math.max(1, keep))));
        return Math.toIntExact(removed);
    }

    private Optional<Snapshot> read(String action, String agent, String id) {
        List<String> found = link.await(action, link.<List<String>>script(READ, ScriptOutputType.MULTI,
                new String[] {keys.snapshotInfos(), keys.snapshotStates(), keys.latestSnapshots(),
                        keys.snapshotsOf(agent)}, agent, id));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(info(found.get(0)), state(found.get(1))));
    }

    private List<SnapshotInfo> list(String action, String what, String key) {
        List<String> found = link.await(action, link.<List<String>>script(LIST, ScriptOutputType.MULTI,
                new String[] {keys.snapshotInfos(), key}, what));
        return found.stream().filter(Objects::nonNull).map(RedisSnapshots::info).toList();
    }

    private static SnapshotInfo info(String json) {
        InfoJson stored = RedisCodec.read(json, InfoJson.class);
        return new SnapshotInfo(stored.id(), stored.agent(), stored.offset(), stored.filters(),
                RedisCodec.instant(stored.taken_at()), stored.bytes());
    }

    private static JsonNode state(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot's state does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
