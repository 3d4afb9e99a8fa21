package ai.kind.kmb.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.TopicFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicTrieTest {
    private final TopicTrie<String> trie = new TopicTrie<>();

    private void add(String filter, String subscriber) {
        trie.add(TopicFilter.parse(filter), subscriber);
    }

    private boolean remove(String filter, String subscriber) {
        return trie.remove(TopicFilter.parse(filter), subscriber);
    }

    @Test
    void emptyTrieMatchesNothing() {
        assertThat(trie.match("a.b")).isEmpty();
        assertThat(trie.size()).isZero();
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "a.b,      a.b,     true",
            "a.b,      a.c,     false",
            "a.*,      a.b,     true",
            "a.*,      a,       false",
            "a.*,      a.b.c,   false",
            "a.#,      a,       true",
            "a.#,      a.b.c,   true",
            "a.#.b,    a.b,     true",
            "a.#.b,    a.x.y.b, true",
            "a.#.b,    a.b.c,   false",
            "#,        a.b.c,   true",
            "#.a,      a,       true",
            "#.a,      a.b,     false",
            "*.#,      a,       true",
            "#.*,      a,       true",
            "a.*.#,    a,       false",
            "a.*.#,    a.b,     true",
            "#.#,      a,       true",
            "#,        _sys.x,  false",
            "*.x,      _sys.x,  false",
            "#.x,      _sys.x,  false",
            "_sys.#,   _sys.x,  true",
            "_sys.*,   _sys.x,  true",
    })
    void matchesAsTheFilterDoes(String filter, String topic, boolean expected) {
        add(filter, "s");
        assertThat(trie.match(topic)).isEqualTo(expected ? Set.of("s") : Set.of());
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
    }

    @Test
    void subscriberWithSeveralMatchingFiltersIsReturnedOnce() {
        add("a.#", "s");
        add("#.b", "s");
        add("a.b", "s");
        add("*.*", "s");
        add("a.b", "t");

        assertThat(trie.match("a.b")).containsExactlyInAnyOrder("s", "t");
        assertThat(trie.size()).isEqualTo(5);
    }

    @Test
    void filterMatchingThroughTwoPathsIsReturnedOnce() {
        add("a.#.#", "s");
        add("#.a.#.a.#", "t");

        assertThat(trie.match("a.b.c")).containsExactly("s");
        assertThat(trie.match("a.a.a.a")).containsExactlyInAnyOrder("s", "t");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void consecutiveHashesDoNotMultiplyTheWork() {
        // Not a speed check: without collapsing paths this would try C(32,16), about 6e8, splits and hang.
        add(String.join(".", Collections.nCopies(16, "#")), "s");
        add("#.a.#.a.#.a.#.a.#.a.#.a.#.a.#", "t");
        String topic = String.join(".", Collections.nCopies(16, "a"));

        assertThat(trie.match(topic)).containsExactlyInAnyOrder("s", "t");
    }

    @Test
    void addingTheSameRegistrationTwiceKeepsOne() {
        add("a.*", "s");
        add("a.*", "s");

        assertThat(trie.size()).isEqualTo(1);
        assertThat(remove("a.*", "s")).isTrue();
        assertThat(trie.match("a.b")).isEmpty();
    }

    @Test
    void removeTakesOutOnlyThatRegistration() {
        add("a.#", "s");
        add("a.b", "s");
        add("a.#", "t");

        assertThat(remove("a.#", "s")).isTrue();

        assertThat(trie.match("a.b")).containsExactlyInAnyOrder("s", "t");
        assertThat(trie.match("a.c")).containsExactly("t");
        assertThat(trie.size()).isEqualTo(2);
    }

    @Test
    void removingWhatIsNotThereReturnsFalse() {
        add("a.b", "s");

        assertThat(remove("a.b", "t")).isFalse();
        assertThat(remove("a.c", "s")).isFalse();
        assertThat(remove("a.b.c", "s")).isFalse();
        assertThat(remove("a", "s")).isFalse();
        assertThat(trie.size()).isEqualTo(1);
    }

    @Test
    void removeCutsNodesNoLongerUsed() {
        add("a.b.c.d", "s");
        add("a.b", "t");
        add("a.*.#", "u");
        add("#", "v");
        assertThat(trie.nodeCount()).isEqualTo(7);

        remove("a.b.c.d", "s");
        assertThat(trie.nodeCount()).as("a.b is still used by t").isEqualTo(5);

        remove("a.b", "t");
        remove("a.*.#", "u");
        remove("#", "v");
        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.size()).isZero();
        assertThat(trie.match("a.b.c.d")).isEmpty();
    }

    @Test
    void prefixFilterKeepsItsNodeWhenALongerOneIsRemoved() {
        add("a.b", "s");
        add("a.b.c", "t");

        remove("a.b.c", "t");

        assertThat(trie.nodeCount()).isEqualTo(2);
        assertThat(trie.match("a.b")).containsExactly("s");
    }

    @Test
    void returnedSetBelongsToTheCaller() {
        add("a", "s");

        Set<String> first = trie.match("a");
        first.add("intruder");

        assertThat(trie.match("a")).containsExactly("s");
    }

    @Test
    void nullFilterOrSubscriberIsRefused() {
        assertThatThrownBy(() -> trie.add(null, "s")).isInstanceOf(NullPointerException.class).hasMessage("filter");
        assertThatThrownBy(() -> trie.add(TopicFilter.parse("a"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("subscriber");
    }

    @Test
    void concurrentMatchDuringAddAndRemoveSeesOnlyWholeRegistrations() throws Exception {
        // "stable" stays subscribed throughout; every match must see it and nothing foreign.
        add("kmb.#", "stable");
        int readers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(readers);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reads.add(pool.submit(() -> {
                    started.countDown();
                    int matches = 0;
                    while (writing.get() || matches == 0) {
                        Set<String> matched = trie.match("kmb.agent.health");
                        assertThat(matched).contains("stable");
                        assertThat(matched).allMatch(s -> s.equals("stable") || s.startsWith("w"));
                        matches++;
                    }
                    return matches;
                }));
            }
            Future<?> writes = pool.submit(() -> {
                started.await();
                String[] filters = {"kmb.agent.health", "kmb.*.health", "kmb.#", "#", "*.agent.#", "kmb.agent.#.x"};
                for (int i = 0; i < 20_000; i++) {
                    TopicFilter filter = TopicFilter.parse(filters[i % filters.length]);
                    String subscriber = "w" + (i % 7);
                    trie.add(filter, subscriber);
                    trie.remove(filter, subscriber);
                }
                writing.set(false);
                return null;
            });
            writes.get(30, TimeUnit.SECONDS);
            for (Future<Integer> read : reads) {
                assertThat(read.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(trie.size()).isEqualTo(1);
        assertThat(trie.nodeCount()).isEqualTo(2);
    }
}
