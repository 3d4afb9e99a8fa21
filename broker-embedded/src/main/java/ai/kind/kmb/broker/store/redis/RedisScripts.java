package ai.kind.kmb.broker.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The store's Lua scripts, kept as resources next to this class. Each multi-key operation is one
 * script, so it is atomic on the server and costs one round trip, with no WATCH/MULTI state tied to
 * a connection that several callers share.
 */
final class RedisScripts {
    /** A script's text and its SHA-1, the name EVALSHA knows it by. */
    record Script(String name, String body, String sha) {
    }

    static final Script APPEND = load("append");
    static final Script HISTORY = load("history");
    static final Script FIND_BY_ID = load("find_by_id");
    static final Script TRIM = load("trim");
    static final Script TRIM_TOPICS = load("trim_topics");
    static final Script LETTER_FIND = load("letter_find");
    static final Script LETTER_PUT = load("letter_put");
    static final Script LETTER_REMOVE = load("letter_remove");
    static final Script CLAIM_OWN = load("claim_own");

    private RedisScripts() {
    }

    static Script load(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("the Redis script " + name + ".lua is missing from the class path");
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Script(name, body, sha1(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Redis script " + name + ".lua", e);
        }
    }

    private static String sha1(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
