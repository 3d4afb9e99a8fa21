package ai.kind.kmb.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLayoutTest {

    @Test
    void indentsTwoSpacesAndKeepsEmptyBlocksOnOneLine() {
        FormattedJson json = JsonLayout.format("{\"a\":1,\"b\":{\"c\":[true,null]},\"d\":{},\"e\":[]}");

        assertThat(json.text()).isEqualTo("""
                {
                  "a": 1,
                  "b": {
                    "c": [
                      true,
                      null
                    ]
                  },
                  "d": {},
                  "e": []
                }""");
    }

    @Test
    void highlightsKeysStringsNumbersAndLiterals() {
        FormattedJson json = JsonLayout.format("{\"key\":\"value\",\"n\":-1.5e3,\"ok\":false}");

        assertThat(styled(json, JsonLayout.KEY)).containsExactly("\"key\"", "\"n\"", "\"ok\"");
        assertThat(styled(json, JsonLayout.STRING)).containsExactly("\"value\"");
        assertThat(styled(json, JsonLayout.NUMBER)).containsExactly("-1.5e3");
        assertThat(styled(json, JsonLayout.LITERAL)).containsExactly("false");
        assertThat(json.spans().stream().mapToInt(FormattedJson.Span::length).sum()).isEqualTo(json.text().length());
    }

    @Test
    void stringsWithEscapedQuotesAndColonsStayOneToken() {
        FormattedJson json = JsonLayout.format("{\"say\":\"a \\\"quoted\\\": word\"}");

        assertThat(styled(json, JsonLayout.STRING)).containsExactly("\"a \\\"quoted\\\": word\"");
    }

    @Test
    void everyMultiLineBlockCanBeFolded() {
        FormattedJson json = JsonLayout.format("{\"payload\":{\"steps\":[1,2]},\"x\":{}}");

        assertThat(json.folds()).containsExactlyInAnyOrder(new FormattedJson.Fold(0, 8),
                new FormattedJson.Fold(1, 6), new FormattedJson.Fold(2, 5));
    }

    @Test
    void laysOutTheStartOfATruncatedTextAndEndsWithTheMarker() {
        FormattedJson json = JsonLayout.formatTruncated("{\"vector\":[0.25,-0.5,\"unterminated", "… truncated");

        assertThat(json.text()).endsWith("\n… truncated");
        assertThat(json.text()).contains("    0.25,\n    -0.5,\n    \"unterminated");
        assertThat(styled(json, JsonLayout.TRUNCATED)).containsExactly("… truncated");
        assertThat(json.folds()).as("blocks never closed cannot fold").isEmpty();
    }

    private static List<String> styled(FormattedJson json, String style) {
        List<String> tokens = new ArrayList<>();
        int at = 0;
        for (FormattedJson.Span span : json.spans()) {
            if (style.equals(span.styleClass())) {
                tokens.add(json.text().substring(at, at + span.length()));
            }
            at += span.length();
        }
        return tokens;
    }
}
