package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathRecord;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The dead-letter queue in three keys: the letters as JSON in a hash by id, the merge index (message
 * id and subscriber to letter id) in a second hash, and a sorted set by last death that lists them
 * newest first. A stream would not do: a second death updates its letter in place and moves it to
 * the front. The merge itself is {@link DeadLetter#diedAgain}, in Java as for every engine, stored
 * with a compare-and-set script that retries if another node merged the same letter first.
 */
final class RedisDeadLetters {
    private static final int PAGE = 256;
    private static final int MAX_ATTEMPTS = 16;
    /** About how many deaths the deaths stream keeps (MAXLEN ~). */
    static final long DEATH_STREAM_CAP = 10_000;

    private final RedisLink link;
    private final RedisKeys keys;

    RedisDeadLetters(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    CompletableFuture<DeadLetter> add(DeadLetter letter) {
        DeadLetter incoming = micros(letter.id() == null ? letter.withId(UUID.randomUUID().toString()) : letter);
        return link.deliver("add a dead letter", attempt(incoming, RedisCodec.deathKey(incoming), 1));
    }

    /** One try: find an earlier death, merge into it or insert, and go again if someone raced us. */
    private CompletableFuture<DeadLetter> attempt(DeadLetter incoming, String deathKey, int attempt) {
        CompletableFuture<String> existing = deathKey == null ? CompletableFuture.completedFuture(null)
                : link.script(RedisScripts.LETTER_FIND, ScriptOutputType.VALUE,
                        new String[] {keys.deaths(), keys.letters()}, deathKey);
        return existing.thenCompose(json -> {
            if (json != null) {
                RedisCodec.LetterJson stored = RedisCodec.read(json, RedisCodec.LetterJson.class);
                DeadLetter merged = RedisCodec.letter(stored).diedAgain(incoming);
                return put(merged, json, stored.member(), stored.death_key());
            }
            return link.commands().incr(keys.letterSequence()).toCompletableFuture()
                    .thenCompose(seq -> put(incoming, "", "%019d:%s".formatted(seq, incoming.id()), deathKey));
        }).thenCompose(stored -> {
            if (stored.isPresent()) {
                return CompletableFuture.completedFuture(stored.get());
            }
            if (attempt == MAX_ATTEMPTS) {
                return CompletableFuture.failedFuture(new KmbException(ErrorCode.UNAVAILABLE, "message store "
                        + link.url() + ": dead letter " + incoming.id() + " kept changing under " + MAX_ATTEMPTS
                        + " attempts to store it; try again"));
            }
            return attempt(incoming, deathKey, attempt + 1);
        });
    }

    /** Stores the letter if it is still as expected; empty when someone changed it first. */
    private CompletableFuture<Optional<DeadLetter>> put(DeadLetter letter, String expected, String member,
                                                        String deathKey) {
        String json = RedisCodec.write(RedisCodec.letter(letter, member, deathKey));
        DeathRecord death = letter.death();
        String score = death.lastDeath() == null ? "-inf" : Long.toString(RedisCodec.micros(death.lastDeath()));
        CompletableFuture<Long> outcome = link.script(RedisScripts.LETTER_PUT, ScriptOutputType.INTEGER,
                new String[] {keys.deaths(), keys.letters(), keys.letterOrder(), keys.deathStream()}, letter.id(),
                expected, json, score, member, deathKey == null ? "" : deathKey, death.reason().wireName(),
                death.originalTopic(), String.valueOf(death.subscriber()), Integer.toString(death.deliveryCount()),
                String.valueOf(letter.message().id()), Long.toString(DEATH_STREAM_CAP));
        return outcome.thenCompose(result -> result == -1
                ? CompletableFuture.failedFuture(new KmbException(ErrorCode.INTERNAL, "message store " + link.url()
                        + ": a different dead letter already has the id " + letter.id()))
                : CompletableFuture.completedFuture(result == 1 ? Optional.of(letter) : Optional.empty()));
    }

    /** Newest death first: reads the order set a page at a time until {@code limit} letters match. */
    List<DeadLetter> list(DeadLetterQuery query) {
        int limit = query.limit() > 0 ? query.limit() : Integer.MAX_VALUE;
        List<DeadLetter> letters = new ArrayList<>();
        for (long offset = 0; letters.size() < limit; offset += PAGE) {
            List<String> members = link.await("list dead letters", link.commands().zrevrangebyscore(keys.letterOrder(),
                    Range.unbounded(), Limit.create(offset, PAGE)));
            if (members.isEmpty()) {
                break;
            }
            String[] ids = members.stream().map(member -> member.substring(member.indexOf(':') + 1)).toArray(String[]::new);
            List<KeyValue<String, String>> found = link.await("list dead letters", link.commands().hmget(keys.letters(),
                    ids));
            for (KeyValue<String, String> value : found) {
                if (value.hasValue() && letters.size() < limit) {
                    DeadLetter letter = RedisCodec.letter(RedisCodec.read(value.getValue(), RedisCodec.LetterJson.class));
                    if (query.matches(letter)) {
                        letters.add(letter);
                    }
                }
            }
            if (members.size() < PAGE) {
                break;
            }
        }
        return letters;
    }

    Optional<DeadLetter> get(String id) {
        String json = link.await("read dead letter " + id, link.commands().hget(keys.letters(), id));
        return json == null ? Optional.empty()
                : Optional.of(RedisCodec.letter(RedisCodec.read(json, RedisCodec.LetterJson.class)));
    }

    boolean remove(String id) {
        Long removed = link.await("remove dead letter " + id, link.script(RedisScripts.LETTER_REMOVE,
                ScriptOutputType.INTEGER, new String[] {keys.deaths(), keys.letters(), keys.letterOrder()}, id));
        return removed == 1L;
    }

    int purge(DeadLetterQuery query) {
        int removed = 0;
        for (DeadLetter letter : list(new DeadLetterQuery(query.reason(), query.originalTopic(), 0))) {
            removed += remove(letter.id()) ? 1 : 0;
        }
        return removed;
    }

    /** Keeps death times to the microsecond, as every engine does. */
    private static DeadLetter micros(DeadLetter letter) {
        DeathRecord d = letter.death();
        return new DeadLetter(letter.id(), letter.message(), new DeathRecord(d.reason(), d.originalTopic(),
                d.subscriber(), d.deliveryCount(), d.firstDeath() == null ? null : d.firstDeath().truncatedTo(ChronoUnit.MICROS),
                d.lastDeath() == null ? null : d.lastDeath().truncatedTo(ChronoUnit.MICROS), d.deaths(), d.lastError()));
    }
}
