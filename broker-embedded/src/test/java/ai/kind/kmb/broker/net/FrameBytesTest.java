package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.protocol.FrameCodec;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes a frame goes out as are exactly what the protocol's codec writes, however they are put together. */
class FrameBytesTest {
    private final FrameBytes frames = new FrameBytes();

    private final Envelope rich = new Envelope("id-1", Instant.parse("2026-11-24T06:12:50.543123Z"), "orders.created",
            MessageType.COMMAND, Json.object().put("n", 1).put("text", "caf\u00e9 \"quoted\" \u2603 \ud83d\ude00"),
            Metadata.EMPTY.withCorrelation("c-9", "_inbox.agent-7").withHeaders(Map.of("k", "v"))
                    .withAuth(new Metadata.Auth("kmbd", "agent-7")),
            Map.of("x-extra", TextNode.valueOf("kept")));

    @Test
    void aDeliveryIsTheCodecsBytes() {
        for (Frame.Msg msg : List.of(new Frame.Msg("s1", 1, -1, rich), new Frame.Msg("s\"2\\\u00e9", 3, 17, rich),
                new Frame.Msg("plain", 1, 0, Envelope.event("t", null)))) {
            assertThat(text(frames.encode(msg))).isEqualTo(FrameCodec.write(msg));
        }
    }

    @Test
    void oneEnvelopeToManySubscriptionsGivesEachItsOwnSidAndTheSameMessage() {
        for (int i = 0; i < 3; i++) {
            Frame.Msg msg = new Frame.Msg("sub-" + i, 1, -1, rich);
            assertThat(FrameCodec.readServerFrame(text(frames.encode(msg)))).isEqualTo(msg);
        }
    }

    @Test
    void anEnvelopeTooLargeToShareIsStillWrittenWhole() {
        Envelope large = Envelope.event("big", Json.object().put("pad", "p".repeat(FrameBytes.MAX_SHARED_BYTES)));
        Frame.Msg msg = new Frame.Msg("s", 1, -1, large);

        assertThat(text(frames.encode(msg))).isEqualTo(FrameCodec.write(msg));
        assertThat(text(frames.encode(msg))).isEqualTo(FrameCodec.write(msg));
    }

    @Test
    void answersAreTheCodecsBytes() {
        for (Frame.ServerFrame answer : List.of(new Frame.PubAck(7, "id-\u00e9\"\\", 42, false),
                new Frame.PubAck(8, "id", -1, true), new Frame.PubAck(9, null, -1, false), new Frame.SubOk(3, "s1"),
                new Frame.Error(4L, "bad_request", "no", List.of()))) {
            assertThat(text(frames.encode(answer))).isEqualTo(FrameCodec.write(answer));
        }
    }

    private static String text(ByteBuf bytes) {
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }
}
