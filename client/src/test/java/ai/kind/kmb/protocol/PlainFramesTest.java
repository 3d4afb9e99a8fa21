package ai.kind.kmb.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message frames as servers and SDKs write them are read from their tokens, to the very frame the
 * tree gives; whatever else comes is left to the tree, which reads it or refuses it as before.
 */
class PlainFramesTest {
    private static final Instant AT = Instant.parse("2026-11-24T06:12:50.543123Z");

    static List<Envelope> envelopes() {
        return List.of(Envelope.event("a", null),
                new Envelope("id-1", AT, "orders.created", MessageType.COMMAND,
                        Json.object().put("n", 1).put("s", "caf\u00e9 \"q\" \ud83d\ude00"),
                        Metadata.EMPTY.withCorrelation("c-9", "_inbox.a").withHeaders(Map.of("k", "v"))
                                .withAuth(new Metadata.Auth("kmbd", "agent-7")),
                        Map.of("x-extra", TextNode.valueOf("kept"))),
                new Envelope(null, AT, "a.b", MessageType.REPLY, TextNode.valueOf("x"), Metadata.EMPTY, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void aDeliveryAsServersWriteItReadsBackWholeFromItsTokens(Envelope envelope) {
        Frame.Msg msg = new Frame.Msg("s\"1", 3, 17, envelope);
        String text = FrameCodec.write(msg);

        assertThat(PlainFrames.msg(text)).isEqualTo(msg);
        assertThat(FrameCodec.readServerFrame(text)).isEqualTo(msg);
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void aPublishAsSdksWriteItReadsBackWholeFromItsTokens(Envelope envelope) {
        for (Frame.Pub pub : List.of(new Frame.Pub(7, envelope, null), new Frame.Pub(8, envelope, true, "tx-1"))) {
            String text = FrameCodec.write(pub);

            assertThat(PlainFrames.pub(text)).isEqualTo(pub);
            assertThat(FrameCodec.readClientFrame(text)).isEqualTo(pub);
        }
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void aPublishIsWrittenAsItsTreeWouldBe(Envelope envelope) throws Exception {
        for (Frame.Pub pub : List.of(new Frame.Pub(7, envelope, null), new Frame.Pub(8, envelope, false, "tx-1"))) {
            ObjectNode tree = Json.object().put("op", "pub").put("req", pub.req());
            tree.set("msg", EnvelopeCodec.toJson(envelope));
            if (pub.durable() != null) {
                tree.put("durable", pub.durable());
            }
            if (pub.tx() != null) {
                tree.put("tx", pub.tx());
            }

            assertThat(FrameCodec.write(pub)).isEqualTo(Json.mapper().writeValueAsString(tree));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"sid\":\"s\",\"op\":\"msg\",\"msg\":{\"topic\":\"a\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"delivery\":2.0,\"msg\":{\"topic\":\"a\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\",\"timestamp\":\"2026-11-24T07:12:50+01:00\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\"},\"extra\":[1,{\"x\":null}]}"})
    void anUnusualButValidDeliveryIsLeftToTheTreeWhichReadsIt(String text) {
        Frame.Msg plain = PlainFrames.msg(text);
        Frame read = FrameCodec.readServerFrame(text);

        assertThat(read).isInstanceOf(Frame.Msg.class);
        if (plain != null) {
            assertThat(plain).isEqualTo(read);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a..b\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\",\"timestamp\":\"yesterday\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\",\"type\":\"gossip\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\",\"metadata\":{\"ttl_ms\":-1}}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":{\"a\":1}}}",
        "{\"op\":\"msg\",\"sid\":\"\",\"msg\":{\"topic\":\"a\"}}",
        "{\"op\":\"msg\",\"msg\":{\"topic\":\"a\"}}",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\"}} trailing",
        "{\"op\":\"msg\",\"sid\":\"s\",\"msg\":{\"topic\":\"a\"}"})
    void aDeliveryTheTreeRefusesIsRefusedAsBefore(String text) {
        assertThat(PlainFrames.msg(text)).isNull();
        assertThat(catchThrowable(() -> FrameCodec.readServerFrame(text))).isInstanceOf(KmbException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"op\":\"pub\",\"req\":-1,\"msg\":{\"topic\":\"a\"}}",
        "{\"op\":\"pub\",\"req\":1,\"msg\":{\"topic\":\"a\",\"id\":7}}",
        "{\"op\":\"pub\",\"req\":1,\"msg\":{\"topic\":\"a\"},\"durable\":\"yes\"}",
        "{\"op\":\"pub\",\"req\":1,\"msg\":{\"topic\":\"a\"},\"tx\":1}",
        "{\"op\":\"pub\",\"req\":1}",
        "{\"op\":\"pub\",\"msg\":{\"topic\":\"a\"}}"})
    void aPublishTheTreeRefusesIsRefusedAsBefore(String text) {
        assertThat(PlainFrames.pub(text)).isNull();
        assertThat(catchThrowable(() -> FrameCodec.readClientFrame(text))).isInstanceOf(KmbException.class);
    }
}
