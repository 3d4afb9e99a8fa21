package ai.kind.kmb.app.demo;

import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishOptions;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The steady hum of a running system: every agent's heartbeat each second (ephemeral: nobody
 * wants them in history), lifecycle events when agents start, and a restart now and then.
 */
final class Background {
    static final List<String> AGENTS = List.of("planner", "worker-1", "worker-2", "worker-3", "memory", "billing");

    private final DemoBus bus;
    private final RandomGenerator random;
    private final long startedAt = System.nanoTime();

    Background(DemoBus bus, RandomGenerator random) {
        this.bus = bus;
        this.random = random;
    }

    void announceStart() {
        for (String agent : AGENTS) {
            lifecycle(agent, "starting");
            lifecycle(agent, "ready");
        }
    }

    void heartbeats() {
        long uptime = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
        for (String agent : AGENTS) {
            bus.publish(agent, "agent.health.heartbeat", MessageType.EVENT, DemoBus.payload().put("agent", agent)
                    .put("status", "ok").put("uptime_s", uptime).put("cpu", Math.round(random.nextDouble() * 400) / 10.0)
                    .put("memory_mb", 180 + random.nextInt(220)).put("inflight", random.nextInt(5)),
                    Trace.start(random).metadata(), PublishOptions.EPHEMERAL);
        }
    }

    /** One agent restarts: stopping, stopped, starting, ready. */
    void restartOne() {
        String agent = AGENTS.get(1 + random.nextInt(AGENTS.size() - 1));
        lifecycle(agent, "stopping");
        lifecycle(agent, "stopped");
        lifecycle(agent, "starting");
        lifecycle(agent, "ready");
    }

    /**
     * A memory agent stores an embedding: about 30 KB of JSON, more than the Studio keeps for
     * display, so it shows how large payloads are truncated and marked.
     */
    void embedding() {
        var payload = DemoBus.payload().put("agent", "memory").put("model", "text-embedding-3-large")
                .put("document", "runbook-" + random.nextInt(50) + ".md").put("dimensions", 3072);
        var vector = payload.putArray("vector");
        for (int i = 0; i < 3072; i++) {
            vector.add(Math.round((random.nextDouble() * 2 - 1) * 1e6) / 1e6);
        }
        bus.publish("memory", "kmb.agent.memory.embedding", MessageType.EVENT, payload, Trace.start(random).metadata());
    }

    private void lifecycle(String agent, String state) {
        bus.publish(agent, "kmb.agent.lifecycle", MessageType.EVENT, DemoBus.payload().put("agent", agent).put("state", state)
                .put("version", "1.4." + (agent.hashCode() & 7)), Trace.start(random).metadata());
    }
}
