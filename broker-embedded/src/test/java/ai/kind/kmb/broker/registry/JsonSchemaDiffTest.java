package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data written under the first schema, read with the second (BACKWARD order). */
class JsonSchemaDiffTest {

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> changes(String writer, String reader) {
        return JsonSchemaDiff.incompatibilities(json(writer), json(reader)).stream()
                .map(change -> change.type() + " " + change.pointer()).toList();
    }

    @Test
    void addingAPropertyIsSafeToAClosedContentModelAndUnsafeToAnOpenOne() {
        String closed = "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}";
        String open = "{'type':'object','properties':{'a':{'type':'string'}}}";
        String added = "{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'integer'}}}";

        assertThat(changes(closed, added)).isEmpty();
        assertThat(changes(open, added)).containsExactly("PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL /properties/b");
    }

    @Test
    void removingAPropertyIsSafeFromAnOpenReaderAndUnsafeFromAClosedOne() {
        String two = "{'type':'object','properties':{'a':{},'b':{'type':'integer'}}}";

        assertThat(changes(two, "{'type':'object','properties':{'a':{}}}")).isEmpty();
        assertThat(changes(two, "{'type':'object','properties':{'a':{}},'additionalProperties':false}"))
                .contains("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL /properties/b",
                        "ADDITIONAL_PROPERTIES_REMOVED /additionalProperties");
    }

    @Test
    void aPartiallyOpenModelChecksAddedPropertiesAgainstItsAdditionalPropertiesSchema() {
        String partial = "{'type':'object','additionalProperties':{'type':'string'}}";

        assertThat(changes(partial, "{'type':'object','properties':{'b':{'type':'string'}}}")).isEmpty();
        assertThat(changes(partial, "{'type':'object','properties':{'b':{'type':'integer'}}}"))
                .containsExactly("PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL /properties/b");
    }

    @Test
    void requiringAPropertyIsUnsafeUnlessItHasADefault() {
        String optional = "{'type':'object','properties':{'a':{'type':'string'}}}";

        assertThat(changes(optional, "{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}"))
                .containsExactly("REQUIRED_ATTRIBUTE_ADDED /required");
        assertThat(changes(optional,
                "{'type':'object','properties':{'a':{'type':'string','default':'x'}},'required':['a']}")).isEmpty();
        assertThat(changes("{'type':'object','required':['a']}", "{'type':'object'}")).isEmpty();
    }

    @Test
    void typesMayWidenButNotNarrowOrChange() {
        assertThat(changes("{'type':'integer'}", "{'type':'number'}")).isEmpty();
        assertThat(changes("{'type':'string'}", "{'type':['string','null']}")).isEmpty();
        assertThat(changes("{'type':'number'}", "{'type':'integer'}")).containsExactly("TYPE_NARROWED /type");
        assertThat(changes("{'type':['string','null']}", "{'type':'string'}")).containsExactly("TYPE_NARROWED /type");
        assertThat(changes("{'type':'string'}", "{'type':'boolean'}")).containsExactly("TYPE_CHANGED /type");
    }

    @Test
    void boundsMayLoosenButNotTightenOrAppear() {
        assertThat(changes("{'type':'string','maxLength':10}", "{'type':'string','maxLength':20}")).isEmpty();
        assertThat(changes("{'type':'string','maxLength':10}", "{'type':'string'}")).isEmpty();
        assertThat(changes("{'type':'string','maxLength':10}", "{'type':'string','maxLength':5}"))
                .containsExactly("MAX_LENGTH_DECREASED /maxLength");
        assertThat(changes("{'type':'integer'}", "{'type':'integer','minimum':0}"))
                .containsExactly("MINIMUM_ADDED /minimum");
        assertThat(changes("{'type':'integer','minimum':0}", "{'type':'integer','minimum':1}"))
                .containsExactly("MINIMUM_INCREASED /minimum");
        assertThat(changes("{'type':'string'}", "{'type':'string','pattern':'^a'}"))
                .containsExactly("PATTERN_ADDED /pattern");
        assertThat(changes("{'type':'array'}", "{'type':'array','uniqueItems':true,'maxItems':3}"))
                .containsExactlyInAnyOrder("MAX_ITEMS_ADDED /maxItems", "UNIQUE_ITEMS_ADDED /uniqueItems");
    }

    @Test
    void enumsMayGrowButNotShrink() {
        assertThat(changes("{'enum':['a','b']}", "{'enum':['a','b','c']}")).isEmpty();
        assertThat(changes("{'enum':['a','b']}", "{'enum':['a']}")).containsExactly("ENUM_ARRAY_NARROWED /enum");
        assertThat(changes("{'enum':['a']}", "{'enum':['z']}")).containsExactly("ENUM_ARRAY_CHANGED /enum");
        assertThat(changes("{'type':'string'}", "{'type':'string','enum':['a']}"))
                .containsExactly("ENUM_ARRAY_NARROWED /enum");
    }

    @Test
    void nestedPropertiesAndArrayItemsAreComparedAtTheirPointers() {
        String writer = "{'type':'object','properties':{'tags':{'type':'array','items':{'type':'number'}}}}";
        String reader = "{'type':'object','properties':{'tags':{'type':'array','items':{'type':'integer'}}}}";

        assertThat(changes(writer, reader)).containsExactly("TYPE_NARROWED /properties/tags/items/type");
    }

    @Test
    void localReferencesAreFollowed() {
        String writer = "{'$defs':{'n':{'type':'integer'}},'type':'object','properties':{'a':{'$ref':'#/$defs/n'}}}";
        String reader = "{'$defs':{'n':{'type':'string'}},'type':'object','properties':{'a':{'$ref':'#/$defs/n'}}}";

        assertThat(changes(writer, reader)).containsExactly("TYPE_CHANGED /properties/a/type");
    }

    @Test
    void unionsMayGainBranchesButNotLoseThem() {
        String two = "{'oneOf':[{'type':'string'},{'type':'integer'}]}";

        assertThat(changes(two, "{'oneOf':[{'type':'string'},{'type':'integer'},{'type':'null'}]}")).isEmpty();
        assertThat(changes(two, "{'oneOf':[{'type':'string'}]}"))
                .containsExactly("COMBINED_TYPE_SUBSCHEMAS_CHANGED /oneOf");
        assertThat(changes("{'type':'string'}", "{'anyOf':[{'type':'string'},{'type':'null'}]}")).isEmpty();
    }

    @Test
    void annotationsDoNotMatter() {
        assertThat(changes("{'type':'string','description':'a'}", "{'type':'string','title':'b','default':'c'}"))
                .isEmpty();
    }
}
