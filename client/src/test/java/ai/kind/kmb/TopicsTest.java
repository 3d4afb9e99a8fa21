package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "agent.health.heartbeat", "A-1.b_2.C", "_inbox.agent-7", "_kmb", "0.9"})
    void validNameIsReturnedAsIs(String name) {
        assertThat(Topics.requireValidName(name)).isSameAs(name);
        assertThat(Topics.isValidName(name)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '*'        | segment 1 is the wildcard '*'
            'a.*'      | segment 2 is the wildcard '*'
            '#'        | segment 1 is the wildcard '#'
            'a.b.#'    | segment 3 is the wildcard '#'
            """)
    void wildcardsAreRefusedInNames(String name, String reason) {
        assertThatThrownBy(() -> Topics.requireValidName(name))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("wildcards belong in subscription filters");
        assertThat(Topics.isValidName(name)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a..b       | segment 2 is empty (two dots in a row)
            a.b*       | mixes the wildcard '*' with other characters
            a b        | has the character '\\u0020'
            """)
    void nameRulesAreTheFilterRules(String name, String reason) {
        assertThatThrownBy(() -> Topics.requireValidName(name))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void emptyAndOverlongNamesAreRefused() {
        assertThatThrownBy(() -> Topics.requireValidName("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Topics.requireValidName(null)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Topics.requireValidName("x".repeat(256)))
                .hasMessageContaining("is 256 bytes long");
        assertThatThrownBy(() -> Topics.requireValidName(String.join(".", Collections.nCopies(17, "x"))))
                .hasMessageContaining("has 17 segments");
    }

    @Test
    void theLongestAndDeepestNamesAreValid() {
        String longest = "x".repeat(Topics.MAX_BYTES);
        String deepest = String.join(".", Collections.nCopies(Topics.MAX_SEGMENTS, "x"));

        assertThat(Topics.requireValidName(longest)).isSameAs(longest);
        assertThat(Topics.requireValidName(deepest)).isSameAs(deepest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            .a         | segment 1 is empty (it starts with a dot)
            a.         | segment 2 is empty (it ends with a dot)
            .          | segment 1 is empty (it starts with a dot)
            café       | has the character 'é'
            a/b        | has the character '/'
            """)
    void dotsAtTheEndsAndCharactersOutsideTheRulesAreRefused(String name, String reason) {
        assertThatThrownBy(() -> Topics.requireValidName(name))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusalNamesTheTopicFieldAndAbbreviatesLongText() {
        InvalidTopicException refused = (InvalidTopicException) catchThrowable(
                () -> Topics.requireValidName("y".repeat(300)));

        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.details()).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo("topic");
            assertThat(detail.reason()).isEqualTo("is 300 bytes long; at most 255 are allowed");
        });
        assertThat(refused.getMessage()).startsWith("invalid topic '" + "y".repeat(77) + "...'");
    }

    @Test
    void systemTopicsStartWithUnderscore() {
        assertThat(Topics.isSystem("_inbox.x")).isTrue();
        assertThat(Topics.isSystem("inbox._x")).isFalse();
    }
}
