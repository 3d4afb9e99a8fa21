package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static ObjectNode closed(String... properties) {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode props = schema.putObject("properties");
        for (String property : properties) {
            props.putObject(property).put("type", "string");
        }
        return schema;
    }

    private static TopicVersion version(int n, JsonNode schema) {
        return new TopicVersion("v" + n, SchemaFormat.JSON_SCHEMA, schema, null, List.of());
    }

    private static List<String> check(CompatibilityMode mode, List<TopicVersion> earlier, JsonNode candidate) {
        return CompatibilityChecker.check(mode, earlier, candidate).stream()
                .map(found -> found.againstVersion() + " " + found.change()).toList();
    }

    @Test
    void backwardAllowsAnOptionalPropertyAddedToAClosedModelButForwardDoesNot() {
        List<TopicVersion> earlier = List.of(version(1, closed("a")));
        ObjectNode added = closed("a", "b");

        assertThat(check(CompatibilityMode.BACKWARD, earlier, added)).isEmpty();
        assertThat(check(CompatibilityMode.FORWARD, earlier, added))
                .containsExactly("v1 PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL");
        assertThat(check(CompatibilityMode.FULL, earlier, added)).hasSize(1);
        assertThat(check(CompatibilityMode.NONE, earlier, added)).isEmpty();
    }

    @Test
    void transitiveModesCheckEveryEarlierVersionThePlainOnesOnlyTheLatest() {
        List<TopicVersion> earlier = List.of(version(1, closed("a", "b")), version(2, closed("a")));
        ObjectNode candidate = Json.object().put("type", "object");
        candidate.putObject("properties").putObject("a").put("type", "string");
        candidate.withObject("/properties").putObject("b").put("type", "integer");
        candidate.put("additionalProperties", false);

        assertThat(check(CompatibilityMode.BACKWARD, earlier, candidate)).isEmpty();
        assertThat(check(CompatibilityMode.BACKWARD_TRANSITIVE, earlier, candidate))
                .containsExactly("v1 TYPE_CHANGED");
    }

    @Test
    void eachIncompatibilityNamesItsPointerAndWhy() {
        List<Incompatibility> found = CompatibilityChecker.check(CompatibilityMode.BACKWARD,
                List.of(version(1, closed("a"))), closed());

        assertThat(found).singleElement().satisfies(incompatibility -> {
            assertThat(incompatibility.pointer()).isEqualTo("/properties/a");
            assertThat(incompatibility.message()).contains("'a'", "closed");
        });
    }
}
