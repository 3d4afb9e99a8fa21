package ai.kind.kmb.recording;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Messages and files for the recording tests. */
final class Samples {
    static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");

    private Samples() {
    }

    /** A message using every part of the envelope, so a round trip that loses anything shows. */
    static StoredMessage rich(long offset) {
        Metadata metadata = Metadata.EMPTY.withTrace("trace-" + offset, "span", null)
                .withCorrelation("corr", "_inbox.me")
                .withHeaders(Map.of("k", "v"))
                .withAuth(new Metadata.Auth("kOS", "agent-7"));
        Envelope envelope = new Envelope("id-" + offset, T0.plusMillis(offset), "agent.health.heartbeat",
                MessageType.COMMAND, Json.object().put("n", (int) offset).put("text", "héllo \"quoted\"\n"),
                metadata, Map.of("future_field", TextNode.valueOf("kept")));
        return new StoredMessage(offset, T0.plusMillis(offset + 1), envelope);
    }

    static String headerLine() {
        return "{\"kmb_recording\":1,\"source\":\"test\",\"filter\":\"#\",\"started_at\":\"2025-06-20T15:42:00Z\"}";
    }

    static String entryLine(int n) {
        return "{\"received_at\":\"2025-06-20T15:42:0" + n + "Z\",\"offset\":" + n
                + ",\"msg\":{\"id\":\"m" + n + "\",\"topic\":\"a.b\",\"type\":\"event\",\"payload\":{\"n\":" + n + "}}}";
    }

    static Path file(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
