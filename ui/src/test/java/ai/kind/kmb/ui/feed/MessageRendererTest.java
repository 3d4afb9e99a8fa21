package ai.kind.kmb.ui.feed;

import static ai.kind.kmb.ui.testing.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    private final FeedLimits limits = FeedLimits.defaults().withDisplay(20, 64, 100);
    private final MessageRenderer renderer = new MessageRenderer(limits);

    @Test
    void aSmallPayloadIsKeptWholeWithAOneLinePreview() {
        DisplayMessage shown = renderer.render(arrival(event("a", "id-1", Json.object().put("k", "v"))));

        assertThat(shown.truncated()).isFalse();
        assertThat(shown.preview()).isEqualTo("{\"k\":\"v\"}");
        assertThat(shown.envelope().payload().get("k").asText()).isEqualTo("v");
    }

    @Test
    void aLongPreviewIsCutWithAnEllipsis() {
        DisplayMessage shown = renderer.render(arrival(event("a", "id-1", Json.object().put("text", "x".repeat(40)))));

        assertThat(shown.truncated()).isFalse();
        assertThat(shown.preview()).hasSize(20).endsWith("…");
    }

    @Test
    void aLargePayloadIsTruncatedMarkedAndLetGo() {
        ObjectNode big = Json.object();
        big.putArray("vector").addAll(java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> Json.mapper().getNodeFactory().numberNode(i)).toList());

        DisplayMessage shown = renderer.render(arrival(event("a", "id-1", big)));

        assertThat(shown.truncated()).isTrue();
        assertThat(shown.truncatedPayload()).hasSize(64).startsWith("{\"vector\":[0,1,2");
        assertThat(shown.envelope().payload().isNull()).as("the full payload is not kept").isTrue();
        assertThat(shown.id()).isEqualTo("id-1");
    }

    private static Arrival arrival(ai.kind.kmb.Envelope envelope) {
        return new Arrival(1, Instant.parse("2025-06-20T15:42:00Z"), -1, envelope);
    }
}
