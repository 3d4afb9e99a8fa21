package ai.kind.kmb.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FilterRelationsTest {
    private static final List<String> FILTER_SEGMENTS = List.of("a", "b", "_s", "*", "#");
    private static final List<String> TOPIC_SEGMENTS = List.of("a", "b", "c", "_s");

    private static boolean overlaps(String a, String b) {
        return FilterRelations.overlaps(TopicFilter.parse(a), TopicFilter.parse(b));
    }

    private static boolean covers(String outers, String inner) {
        List<TopicFilter> parsed = Stream.of(outers.split(" ")).map(TopicFilter::parse).toList();
        return FilterRelations.covers(parsed, TopicFilter.parse(inner));
    }

    @Test
    void filtersThatShareATopicOverlapBothWays() {
        assertThat(overlaps("#", "agent.secret")).isTrue();
        assertThat(overlaps("agent.*", "*.health")).isTrue();
        assertThat(overlaps("a.#.b", "a.b")).isTrue();
        assertThat(overlaps("a.#", "a")).isTrue();
        assertThat(overlaps("#.x", "a.#")).isTrue();
        assertThat(overlaps("agent.#", "#")).isTrue();
        assertThat(overlaps("_kmb.#", "_kmb.advisory.*")).isTrue();
    }

    @Test
    void filtersWithNoCommonTopicDoNotOverlap() {
        assertThat(overlaps("agent.#", "billing.#")).isFalse();
        assertThat(overlaps("a.*", "a.b.c")).isFalse();
        assertThat(overlaps("a.*.c", "a.b.d")).isFalse();
        assertThat(overlaps("a.b", "a")).isFalse();
        assertThat(overlaps("#", "_kmb.advisory.#")).as("# never matches a system topic").isFalse();
    }

    @Test
    void aFilterCoversTheFiltersWhoseEveryTopicItMatches() {
        assertThat(covers("#", "agent.#")).isTrue();
        assertThat(covers("agent.#", "agent.#")).isTrue();
        assertThat(covers("agent.#", "agent")).isTrue();
        assertThat(covers("agent.#", "agent.*.health")).isTrue();
        assertThat(covers("agent.*.#", "agent.*.*")).isTrue();
        assertThat(covers("*.health", "agent.health")).isTrue();
        assertThat(covers("a.#.b", "a.*.b")).isTrue();
        assertThat(covers("a.*.#", "a.*.#")).isTrue();
        assertThat(covers("_inbox.#", "_inbox.qa.*")).isTrue();
        assertThat(covers("replay.#", "replay.agent.#")).isTrue();
        assertThat(covers("*.#", "#")).as("a topic has at least one segment").isTrue();
        assertThat(covers("a.#.*", "a.a.#")).isTrue();
    }

    @Test
    void severalFiltersCoverTogetherWhatNoneCoversAlone() {
        assertThat(covers("agent agent.*.#", "agent.#")).isTrue();
        assertThat(covers("a.x.# a.*", "a.*.#")).isFalse();
        assertThat(covers("a.x.# a.* a.*.*.#", "a.*.#")).isTrue();
        assertThat(covers("#", "#")).isTrue();
        assertThat(covers("_inbox.# #", "_inbox.qa.#")).isTrue();
    }

    @Test
    void aFilterDoesNotCoverOneThatReachesFurther() {
        assertThat(covers("agent.#", "#")).isFalse();
        assertThat(covers("agent.*", "agent.#")).as("agent.# matches agent and agent.a.b").isFalse();
        assertThat(covers("agent.*.#", "agent.#")).as("agent.# matches agent").isFalse();
        assertThat(covers("*.health", "*.*")).isFalse();
        assertThat(covers("agent.health", "agent.*")).isFalse();
        assertThat(covers("#", "_inbox.qa")).as("# never matches a system topic").isFalse();
        assertThat(covers("_inbox.#", "#")).isFalse();
    }

    @Test
    void aContrivedFilterSetBeyondTheSearchLimitIsTakenAsNotCovering() {
        String stars = ".*".repeat(14);
        assertThat(covers("#.* #.a" + stars + " #.b" + stars, "#")).as("covered, but refused: the safe answer")
                .isFalse();
        assertThat(covers("# #.a" + stars + " #.b" + stars, "#")).as("a trailing # ends the search at once").isTrue();
    }

    /** Over random filters, covers says yes exactly when no topic the inner one matches escapes every outer one. */
    @Test
    void coversAgreesWithTryingEveryTopic() {
        Random random = new Random(11);
        List<String> topics = allTopics();
        int covered = 0;
        for (int trial = 0; trial < 3000; trial++) {
            List<TopicFilter> outers = Stream.generate(() -> TopicFilter.parse(randomFilter(random)))
                    .limit(1 + random.nextInt(2)).toList();
            TopicFilter inner = TopicFilter.parse(randomFilter(random));
            boolean everyTopic = topics.stream().filter(inner::matches)
                    .allMatch(topic -> outers.stream().anyMatch(outer -> outer.matches(topic)));

            assertThat(FilterRelations.covers(outers, inner)).as("%s cover %s", outers, inner).isEqualTo(everyTopic);
            covered += everyTopic ? 1 : 0;
        }
        assertThat(covered).as("trials that cover").isGreaterThan(300);
    }

    private static String randomFilter(Random random) {
        int length = 1 + random.nextInt(3);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            segments.add(FILTER_SEGMENTS.get(random.nextInt(FILTER_SEGMENTS.size())));
        }
        return String.join(".", segments);
    }

    /** Every topic of up to five segments over the topic alphabet: enough to catch any '#' or '*' that escapes. */
    private static List<String> allTopics() {
        List<String> topics = new ArrayList<>();
        List<String> level = List.of("");
        for (int length = 1; length <= 5; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (String segment : TOPIC_SEGMENTS) {
                    next.add(prefix.isEmpty() ? segment : prefix + "." + segment);
                }
            }
            topics.addAll(next);
            level = next;
        }
        return topics;
    }
}
