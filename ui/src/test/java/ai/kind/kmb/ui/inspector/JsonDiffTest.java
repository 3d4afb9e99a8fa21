package ai.kind.kmb.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    @Test
    void namesEachChangedAddedAndRemovedFieldByPath() throws Exception {
        JsonNode before = Json.mapper().readTree("""
                {"id":"1","payload":{"status":"ok","steps":[{"s":"a"},{"s":"b"}],"gone":1}}""");
        JsonNode after = Json.mapper().readTree("""
                {"id":"2","payload":{"status":"degraded","steps":[{"s":"a"},{"s":"c"},{"s":"d"}],"new":true}}""");

        assertThat(JsonDiff.between(before, after, Set.of("id"))).containsExactly(
                new JsonDiff.Entry("payload.status", JsonDiff.Kind.CHANGED, "\"ok\"", "\"degraded\""),
                new JsonDiff.Entry("payload.steps[1].s", JsonDiff.Kind.CHANGED, "\"b\"", "\"c\""),
                new JsonDiff.Entry("payload.steps[2]", JsonDiff.Kind.ADDED, "", "{\"s\":\"d\"}"),
                new JsonDiff.Entry("payload.gone", JsonDiff.Kind.REMOVED, "1", ""),
                new JsonDiff.Entry("payload.new", JsonDiff.Kind.ADDED, "", "true"));
    }

    @Test
    void equalDocumentsHaveNoDifferences() throws Exception {
        JsonNode doc = Json.mapper().readTree("{\"a\":[1,{\"b\":null}]}");

        assertThat(JsonDiff.between(doc, doc.deepCopy(), Set.of())).isEmpty();
    }
}
