package ai.kind.kmb.app.demo;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.snapshot.AgentHandler;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.StatefulAgent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stateful agent: it counts intents created and completed by outcome, restores its counts from
 * its latest snapshot plus the intents after it, and saves a snapshot now and then, so the
 * snapshots view has an agent to show.
 */
final class IntentTally implements AgentHandler, AutoCloseable {
    static final String AGENT = "intent-tally";

    private final StatefulAgent agent;
    private final Map<String, Long> counts = new TreeMap<>();
    private long position;
    private StatefulAgent.Restored restored;

    IntentTally(BusConnection connection) {
        this.agent = new StatefulAgent(connection, AGENT, List.of("kmb.agent.intent.#"));
    }

    IntentTally start() {
        restored = agent.restore(this, true);
        return this;
    }

    @Override
    public synchronized void onSnapshot(Snapshot snapshot) {
        snapshot.state().properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
    }

    @Override
    public synchronized void onMessage(long offset, Envelope message) {
        String outcome = message.payload().path("outcome").asText("");
        String key = message.topic().endsWith(".create") ? "created" : outcome.isEmpty() ? "completed" : outcome;
        counts.merge(key, 1L, Long::sum);
        position = Math.max(position, offset);
    }

    synchronized void save() {
        ObjectNode state = Json.object();
        counts.forEach(state::put);
        agent.save(position, state);
    }

    @Override
    public void close() {
        if (restored != null) {
            restored.close();
        }
    }
}
