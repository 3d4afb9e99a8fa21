package ai.kind.kmb.ui.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTemplateTest {

    private static JsonNode template(SchemaFormat format, String schema) throws Exception {
        return SchemaTemplate.of(new TopicVersion("v1", format, Json.mapper().readTree(schema), null, List.of()));
    }

    @Test
    void everyPropertyGetsAValueOfItsTypeFromWhatTheSchemaGives() throws Exception {
        JsonNode payload = template(SchemaFormat.JSON_SCHEMA, """
                {"type":"object","properties":{
                  "agent":{"type":"string"},
                  "status":{"enum":["ok","degraded"]},
                  "uptime_s":{"type":"integer","minimum":5},
                  "cpu":{"type":"number"},
                  "ready":{"type":"boolean"},
                  "zone":{"type":"string","default":"eu-west"},
                  "at":{"type":"string","format":"date-time"},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "owner":{"$ref":"#/$defs/person"}},
                 "$defs":{"person":{"type":"object","properties":{"name":{"type":"string","examples":["alice"]}}}}}
                """);

        assertThat(payload.toString()).isEqualTo("{\"agent\":\"\",\"status\":\"ok\",\"uptime_s\":5,\"cpu\":0.0,"
                + "\"ready\":false,\"zone\":\"eu-west\",\"at\":\"2025-01-01T00:00:00Z\",\"tags\":[\"\"],"
                + "\"owner\":{\"name\":\"alice\"}}");
    }

    @Test
    void aProtobufVersionIsFilledFieldByField() throws Exception {
        JsonNode payload = template(SchemaFormat.PROTOBUF, """
                {"message":"kmb.samples.VectorUpsert","fields":[
                  {"name":"id","number":1,"type":"string"},
                  {"name":"values","number":2,"type":"float","repeated":true},
                  {"name":"model","number":3,"type":"kmb.samples.Model","fields":[{"name":"dimensions","number":1,"type":"int32"}]}]}
                """);

        assertThat(payload.toString()).isEqualTo("{\"id\":\"\",\"values\":[0.0],\"model\":{\"dimensions\":0}}");
    }
}
