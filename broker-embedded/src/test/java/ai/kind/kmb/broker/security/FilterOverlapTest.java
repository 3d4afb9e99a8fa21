package ai.kind.kmb.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import org.junit.jupiter.api.Test;

class FilterOverlapTest {
    private static boolean overlaps(String a, String b) {
        return FilterOverlap.overlaps(TopicFilter.parse(a), TopicFilter.parse(b));
    }

    @Test
    void filtersThatShareATopicOverlapBothWays() {
        assertThat(overlaps("#", "agent.secret")).isTrue();
        assertThat(overlaps("agent.*", "*.health")).isTrue();
        assertThat(overlaps("a.#.b", "a.b")).isTrue();
        assertThat(overlaps("a.#", "a")).isTrue();
        assertThat(overlaps("#.x", "a.#")).isTrue();
        assertThat(overlaps("agent.#", "#")).isTrue();
    }

    @Test
    void filtersWithNoCommonTopicDoNotOverlap() {
        assertThat(overlaps("agent.#", "billing.#")).isFalse();
        assertThat(overlaps("a.*", "a.b.c")).isFalse();
        assertThat(overlaps("a.*.c", "a.b.d")).isFalse();
        assertThat(overlaps("a.b", "a")).isFalse();
    }
}
