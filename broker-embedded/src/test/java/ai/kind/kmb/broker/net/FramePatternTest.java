package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vector matcher must fail what differs, or the vectors prove nothing. */
class FramePatternTest {
    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private static String mismatch(String pattern, String actual) throws Exception {
        return FramePattern.mismatch(json(pattern), json(actual), "");
    }

    @Test
    void extraFieldsInTheFrameAreAllowedButMissingOrDifferentOnesAreNot() throws Exception {
        assertThat(mismatch("{\"op\":\"ok\"}", "{\"op\":\"ok\",\"req\":1}")).isNull();
        assertThat(mismatch("{\"op\":\"ok\",\"req\":1}", "{\"op\":\"ok\"}")).contains("/req is missing");
        assertThat(mismatch("{\"req\":1}", "{\"req\":2}")).contains("/req should be 1");
        assertThat(mismatch("{\"a\":[1,2]}", "{\"a\":[1]}")).contains("/a should be an array of 2");
    }

    @Test
    void kindMatchersCheckTheKind() throws Exception {
        assertThat(mismatch("{\"id\":\"$string\"}", "{\"id\":5}")).contains("should be string");
        assertThat(mismatch("{\"o\":\"$positive\"}", "{\"o\":-1}")).contains("should be positive");
        assertThat(mismatch("{\"t\":\"$timestamp\"}", "{\"t\":\"2026-01-01T00:00:00Z\"}")).isNull();
        assertThat(mismatch("{\"t\":\"$timestamp\"}", "{\"t\":\"noon\"}")).isNotNull();
        assertThat(mismatch("{\"req\":\"$absent\"}", "{\"req\":3}")).contains("should be absent");
        assertThat(mismatch("{\"s\":\"$$x\"}", "{\"s\":\"$x\"}")).isNull();
    }

    @Test
    void repeatExpandsToALongString() throws Exception {
        JsonNode expanded = FramePattern.expand(json("{\"p\":{\"$repeat\":\"ab\",\"times\":3}}"), Map.of());

        assertThat(expanded.get("p").asText()).isEqualTo("ababab");
    }

    @Test
    void aSavedValueIsLoadedIntoALaterFrame() throws Exception {
        Map<String, JsonNode> saved = new HashMap<>();
        JsonNode pattern = json("{\"op\":\"txstarted\",\"tx\":\"$save:tx\"}");
        JsonNode frame = json("{\"op\":\"txstarted\",\"tx\":\"tx-1\"}");

        assertThat(FramePattern.mismatch(pattern, frame, "")).isNull();
        FramePattern.save(pattern, frame, saved);

        assertThat(FramePattern.expand(json("{\"tx\":\"$load:tx\"}"), saved).get("tx").asText()).isEqualTo("tx-1");
        assertThat(FramePattern.mismatch(pattern, json("{\"op\":\"txstarted\"}"), "")).contains("should be save:tx");
    }
}
