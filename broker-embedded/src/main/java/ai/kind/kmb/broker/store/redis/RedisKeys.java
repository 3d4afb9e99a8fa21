package ai.kind.kmb.broker.store.redis;

/**
 * The names of a store's keys. The prefix sits in braces, a Redis Cluster hash tag, so every key of
 * one store hashes to the same slot and one script may touch them all.
 */
record RedisKeys(String prefix) {

    private String key(String name) {
        return "{" + prefix + "}:" + name;
    }

    /** Hash: schema version and creation time; its absence means Redis lost the store's data. */
    String meta() {
        return key("meta");
    }

    /** Counter: the highest offset ever given out. Never decreases, so offsets are never reused. */
    String sequence() {
        return key("seq");
    }

    /** Stream: the log, one entry per message, entry id {@code <offset>-0}. */
    String log() {
        return key("log");
    }

    /** Pub/sub channel: ephemeral messages between the nodes of this bus (never stored). */
    String live() {
        return key("live");
    }

    /**
     * Hash: node id to its responder filters and heartbeat (written by the nodes of a shared bus,
     * {@code cluster.RedisResponderBoard}); also the pub/sub channel on which they announce changes.
     */
    String responders() {
        return key("responders");
    }

    /**
     * Hash: node id to its report of the durables it serves, with the same heartbeat as its entry
     * in {@link #responders()} (written in the same script, {@code cluster.RedisResponderBoard}).
     */
    String nodeDurables() {
        return key("node-durables");
    }

    /** Hash: {@code messages} and {@code bytes} retained, kept by the append and trim scripts. */
    String stats() {
        return key("stats");
    }

    /** Sorted set (by lex): {@code <message id>\0<offset, 19 digits>}, the dedup look-up. */
    String ids() {
        return key("ids");
    }

    /** Sorted set (by lex): {@code <trace id>\0<offset, 19 digits>}, for trace queries. */
    String traces() {
        return key("traces");
    }

    /** Sorted set: receive time (micros) to offset, at each offset where the highest receive time so far rose. */
    String timeMarks() {
        return key("time-marks");
    }

    /**
     * Hash: topic to the last offset its own retention has walked the log through ({@code
     * trim_topics.lua}), so passes on every node go on where the last one stopped.
     */
    String topicRetention() {
        return key("retention:topics");
    }

    /** Hash: consumer name to its state as JSON. */
    String consumers() {
        return key("consumers");
    }

    /** Hash: dead letter id to the letter as JSON. */
    String letters() {
        return key("dlq:letters");
    }

    /** Hash: {@code ["<message id>","<subscriber>"]} to the id of that death's letter, for the merge rule. */
    String deaths() {
        return key("dlq:deaths");
    }

    /** Sorted set: letters by last death (micros); members {@code <seq, 19 digits>:<id>} break ties newest first. */
    String letterOrder() {
        return key("dlq:order");
    }

    /**
     * Stream: one entry per death stored (fields {@code letter}, {@code reason}, {@code topic},
     * {@code subscriber}, {@code deliveries}, {@code message}), for nodes and tools to tail with XREAD;
     * capped, and never trimmed by requeue or purge: it is the history of deaths, not the queue.
     */
    String deathStream() {
        return key("dlq:stream");
    }

    /** Counter: insertion sequence of letters. */
    String letterSequence() {
        return key("dlq:seq");
    }

    /** Counter: the order snapshots were saved in, across every node; the newest has the highest. */
    String snapshotSequence() {
        return key("snapshots:seq");
    }

    /** Hash: snapshot id to its description as JSON (no state), so listings never read states. */
    String snapshotInfos() {
        return key("snapshots:info");
    }

    /** Hash: snapshot id to its state's JSON. */
    String snapshotStates() {
        return key("snapshots:state");
    }

    /** Hash: agent name to the id of its newest snapshot; its fields are the agents that have one. */
    String latestSnapshots() {
        return key("snapshots:latest");
    }

    /** Sorted set: one agent's snapshot ids, scored by {@link #snapshotSequence()}. */
    String snapshotsOf(String agent) {
        return key("snapshots:agent:" + agent);
    }

    /** A pattern matching every key of this store, for tools and tests that clean up. */
    String pattern() {
        return "{" + prefix + "}:*";
    }
}
