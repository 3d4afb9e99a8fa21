package ai.kind.kmb.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots of stateful agents, kept by the broker apart from the message log, so that log
 * retention never removes them; the broker keeps the newest few of each agent and never the
 * latest one less. The same in process and over the REST API.
 */
public interface SnapshotAdmin {

    /**
     * Saves {@code state} as the agent's latest, covering the log up to {@code offset} (0 when it
     * covers nothing yet) on {@code filters}, the topic filters the agent consumes.
     */
    SnapshotInfo save(String agent, long offset, List<String> filters, JsonNode state);

    /** The agent's newest snapshot, if it has any. */
    Optional<Snapshot> latest(String agent);

    /** One snapshot, or a {@link ai.kind.kmb.KmbException} with code {@code not_found}. */
    Snapshot get(String agent, String id);

    /** The agent's snapshots still kept, newest first. */
    List<SnapshotInfo> history(String agent);

    /** The latest snapshot of every agent that has one, by agent name. */
    List<SnapshotInfo> agents();
}
