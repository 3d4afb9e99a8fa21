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

    /** Counter: insertion sequence of letters. */
    String letterSequence() {
        return key("dlq:seq");
    }

    /** A pattern matching every key of this store, for tools and tests that clean up. */
    String pattern() {
        return "{" + prefix + "}:*";
    }
}
