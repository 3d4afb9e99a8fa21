package ai.kind.kmb.connection;

import ai.kind.kmb.Bus;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.history.History;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.topics.TopicSnapshot;
import java.util.List;

/**
 * Everything KMB Studio and kmbctl need from a bus, whether the broker runs in this process or
 * far away: publish and subscribe, history, topics with their counts, the dead-letter queue,
 * durable consumers, agents' snapshots and the topic registry.
 * Replay runs on top of it ({@code new ReplayEngine(connection)} with the connection as history).
 */
public interface BusConnection extends Bus, History {

    /** Names the connection for people: "embedded broker on http://127.0.0.1:7420" or a URL. */
    String describe();

    ConnectionStatus status();

    /** Topics seen since the broker started, with counts and rates. */
    List<TopicSnapshot> topics();

    DeadLetterAdmin deadLetters();

    /** Durable consumers: their progress, what is unsettled, and deleting them. */
    DurableAdmin durables();

    /** The broker's configured rate limits with what each decided since it started; empty when none. */
    List<RateLimitStats> limits();
    /** Snapshots of stateful agents; see {@link ai.kind.kmb.snapshot.StatefulAgent}. */
    SnapshotAdmin snapshots();
    /** The topic registry: descriptors, payload checks, new versions. Empty when the broker has none. */
    Registry registry();
}
