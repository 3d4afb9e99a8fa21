package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TopicFilterTest {

    /** RabbitMQ topic-exchange semantics; rows marked "zero" are the {@code #}-matches-nothing cases. */
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # filter     | topic         | matches
            a.b          | a.b           | true
            a.b          | a.b.c         | false
            a.b          | a             | false
            a.b          | A.b           | false
            a.*          | a.b           | true
            a.*          | a             | false
            a.*          | a.b.c         | false
            *            | a             | true
            *            | a.b           | false
            *.*          | a.b           | true
            *.b          | a.b           | true
            *.b          | b             | false
            a.#          | a             | true
            a.#          | a.b           | true
            a.#          | a.b.c.d       | true
            a.#          | b.a           | false
            a.#          | ab            | false
            a.#.b        | a.b           | true
            a.#.b        | a.x.b         | true
            a.#.b        | a.x.y.b       | true
            a.#.b        | a.x           | false
            a.#.b        | a.b.c         | false
            '#'          | a             | true
            '#'          | a.b.c         | true
            '#.a'        | a             | true
            '#.a'        | x.y.a         | true
            '#.a'        | a.x           | false
            '#.#'        | a             | true
            '#.#'        | a.b.c         | true
            *.#          | a             | true
            *.#          | a.b.c         | true
            '#.*'        | a             | true
            '#.*'        | a.b.c         | true
            a.*.#        | a             | false
            a.*.#        | a.b           | true
            a.*.#        | a.b.c         | true
            a.#.*        | a             | false
            a.#.*        | a.b           | true
            a.#.*        | a.b.c         | true
            '#.a.#'      | a             | true
            '#.a.#'      | x.a.y         | true
            '#.a.#'      | x.y           | false
            a.#.#.b      | a.b           | true
            a.#.#.b      | a.x.y.z.b     | true
            '#.a.#.a'    | a.a           | true
            '#.a.#.a'    | a             | false
            '#.a.#.a'    | a.x.a.x       | false
            *.*.#        | a             | false
            a.b.c.d      | a.b.c.d       | true
            a-b.c_d.9    | a-b.c_d.9     | true
            """)
    void followsTopicExchangeSemantics(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} does not match system topic {1}")
    @CsvSource({
            "#,       _kmb.dlq",
            "#,       _inbox",
            "*,       _inbox",
            "*.x,     _inbox.x",
            "#.x,     _inbox.x",
            "*.#,     _kmb.advisory.slow",
            "#.*,     _kmb.advisory.slow",
    })
    void wildcardFirstSegmentNeverMatchesSystemTopics(String filter, String topic) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isFalse();
    }

    @ParameterizedTest(name = "{0} matches system topic {1}")
    @CsvSource({
            "_kmb.#,         _kmb.dlq.orders",
            "_kmb.#,         _kmb",
            "_inbox.*,       _inbox.agent-7",
            "_inbox.agent-7, _inbox.agent-7",
    })
    void filterStartingWithUnderscoreMatchesSystemTopics(String filter, String topic) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isTrue();
    }

    @Test
    void underscoreInsideATopicDoesNotMakeItSystem() {
        assertThat(TopicFilter.parse("#").matches("agent._private")).isTrue();
        assertThat(TopicFilter.parse("*.*").matches("agent._private")).isTrue();
    }

    @Test
    void systemFilterMatchesOnlyItsOwnSystemTopics() {
        assertThat(TopicFilter.parse("_kmb.#").matches("_inbox.x")).isFalse();
        assertThat(TopicFilter.parse("_kmb.#").matches("kmb.x")).isFalse();
    }

    static Stream<Arguments> invalidFilters() {
        String seventeen = String.join(".", Collections.nCopies(17, "a"));
        String tooLong = "a".repeat(256);
        return Stream.of(
                Arguments.of("a.#b", "segment 2 '#b' mixes the wildcard '#' with other characters"),
                Arguments.of("a.b*", "segment 2 'b*' mixes the wildcard '*'"),
                Arguments.of("*x", "segment 1 '*x' mixes the wildcard '*'"),
                Arguments.of("a..b", "segment 2 is empty (two dots in a row)"),
                Arguments.of(".a", "segment 1 is empty (it starts with a dot)"),
                Arguments.of("a.", "segment 2 is empty (it ends with a dot)"),
                Arguments.of(".", "segment 1 is empty (it starts with a dot)"),
                Arguments.of("", "is empty"),
                Arguments.of(seventeen, "has 17 segments; at most 16 are allowed"),
                Arguments.of(tooLong, "is 256 bytes long; at most 255 are allowed"),
                Arguments.of("a b", "segment 1 'a b' has the character '\\u0020'"),
                Arguments.of("a.b\t", "has the character '\\u0009'"),
                Arguments.of("café", "has the character 'é'; only letters, digits, '_' and '-' are allowed"),
                Arguments.of("a/b", "has the character '/'"),
                Arguments.of("a+", "has the character '+'"),
                Arguments.of("a.>", "has the character '>'"),
                Arguments.of("agent.\uD83E\uDD16", "has the character '\uD83E\uDD16'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidFilters")
    void invalidFilterIsRefusedSayingWhy(String filter, String reason) {
        assertThatThrownBy(() -> TopicFilter.parse(filter))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining(reason)
                .extracting(e -> ((KmbException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void nullFilterIsRefusedAsEmpty() {
        assertThatThrownBy(() -> TopicFilter.parse(null))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void limitsCountBytesNotCharacters() {
        // Only ASCII may appear in a name, so 255 ASCII characters is exactly the byte limit.
        assertThat(TopicFilter.parse("a".repeat(255)).text()).hasSize(255);
        assertThat(TopicFilter.parse(String.join(".", Collections.nCopies(16, "#"))).segments()).hasSize(16);
    }

    @Test
    void literalFilterKnowsItIsLiteral() {
        assertThat(TopicFilter.parse("a.b").isLiteral()).isTrue();
        assertThat(TopicFilter.parse("a.*").isLiteral()).isFalse();
        assertThat(TopicFilter.parse("#").isLiteral()).isFalse();
    }

    @Test
    void filtersAreEqualByText() {
        assertThat(TopicFilter.parse("a.*")).isEqualTo(TopicFilter.parse("a.*"))
                .hasSameHashCodeAs(TopicFilter.parse("a.*"))
                .isNotEqualTo(TopicFilter.parse("a.#"));
        assertThat(TopicFilter.parse("a.*").segments()).containsExactly("a", "*");
    }
}
