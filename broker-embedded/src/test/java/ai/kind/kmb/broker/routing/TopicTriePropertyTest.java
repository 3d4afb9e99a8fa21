package ai.kind.kmb.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the trie with the plain definition, {@code {s : some filter of s matches the topic}},
 * over random filters and topics drawn from a few segments so that they collide often. Every
 * failure names its seed; rerun one with {@code -Dkmb.trie.seed=N}.
 */
class TopicTriePropertyTest {
    private static final String[] LITERALS = {"a", "b", "c", "_sys"};
    private static final int SUBSCRIBERS = 25;
    private static final int FILTERS = 2_000;
    private static final int TOPICS = 1_000;

    record Registration(TopicFilter filter, String subscriber) {
    }

    static Stream<Long> seeds() {
        String chosen = System.getProperty("kmb.trie.seed");
        if (chosen != null) {
            return Stream.of(Long.parseLong(chosen));
        }
        // Fixed seeds keep the build reproducible; one fresh seed a run widens the search over time.
        return Stream.concat(LongStream.rangeClosed(1, 4).boxed(), Stream.of(System.nanoTime()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void trieMatchesWhatEveryFilterSaysOnItsOwn(long seed) {
        Random random = new Random(seed);
        TopicTrie<String> trie = new TopicTrie<>();
        Set<Registration> distinct = new LinkedHashSet<>();
        for (int i = 0; i < FILTERS; i++) {
            Registration registration = new Registration(randomFilter(random), "s" + random.nextInt(SUBSCRIBERS));
            trie.add(registration.filter(), registration.subscriber());
            distinct.add(registration);
        }
        List<Registration> registered = new ArrayList<>(distinct);
        assertThat(trie.size()).as("seed %d: size after adding", seed).isEqualTo(registered.size());
        checkTopics(seed, "after adding", random, trie, registered);

        Collections.shuffle(registered, random);
        List<Registration> removed = new ArrayList<>(registered.subList(0, registered.size() / 2));
        List<Registration> kept = new ArrayList<>(registered.subList(registered.size() / 2, registered.size()));
        for (Registration registration : removed) {
            assertThat(trie.remove(registration.filter(), registration.subscriber()))
                    .as("seed %d: removing %s", seed, registration).isTrue();
            assertThat(trie.remove(registration.filter(), registration.subscriber()))
                    .as("seed %d: removing %s twice", seed, registration).isFalse();
        }
        assertThat(trie.size()).as("seed %d: size after removing half", seed).isEqualTo(kept.size());
        checkTopics(seed, "after removing half", random, trie, kept);

        for (Registration registration : kept) {
            trie.remove(registration.filter(), registration.subscriber());
        }
        assertThat(trie.nodeCount()).as("seed %d: nodes left after removing all", seed).isZero();
    }

    private static void checkTopics(long seed, String phase, Random random, TopicTrie<String> trie,
            List<Registration> registered) {
        for (int i = 0; i < TOPICS; i++) {
            String topic = randomTopic(random);
            Set<String> expected = new HashSet<>();
            for (Registration registration : registered) {
                if (registration.filter().matches(topic)) {
                    expected.add(registration.subscriber());
                }
            }
            assertThat(trie.match(topic)).as("seed %d, %s: subscribers matching %s", seed, phase, topic)
                    .isEqualTo(expected);
        }
    }

    private static TopicFilter randomFilter(Random random) {
        int length = 1 + random.nextInt(6);
        List<String> segments = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(LITERALS.length + 2);
            segments.add(pick < LITERALS.length ? LITERALS[pick] : pick == LITERALS.length ? "*" : "#");
        }
        return TopicFilter.parse(String.join(".", segments));
    }

    private static String randomTopic(Random random) {
        int length = 1 + random.nextInt(6);
        List<String> segments = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            segments.add(LITERALS[random.nextInt(LITERALS.length)]);
        }
        return String.join(".", segments);
    }
}
