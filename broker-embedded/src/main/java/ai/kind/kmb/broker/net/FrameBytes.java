package ai.kind.kmb.broker.net;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.protocol.FrameCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Server frames as the UTF-8 bytes of a WebSocket text frame, the same bytes {@link FrameCodec#write}
 * gives. A message delivered to many subscriptions is encoded once: the JSON of recently delivered
 * envelopes is kept by identity (the broker hands every subscription the same instance, and
 * envelopes are never changed), and each {@code msg} frame is its own short head around those
 * shared bytes. One instance serves a whole server.
 */
final class FrameBytes {
    /**
     * A power of two. A subscription's thread works off its whole backlog once it runs, so after a
     * burst the subscriptions of one message may be thousands of messages apart: with 256 slots half
     * of a 10-way fan-out's deliveries found their message encoded, with 4096 87% (of a possible 90%).
     */
    private static final int SLOTS = 4096;
    /**
     * Larger envelopes are encoded per delivery: the cache holds at most SLOTS times this (8 MiB) of
     * JSON, and the envelopes it was made from, until newer messages take their slots.
     */
    static final int MAX_SHARED_BYTES = 2048;
    /** A small message's envelope in one go: the benchmark's 256-byte payload makes about 420 bytes. */
    private static final int ESTIMATED_BYTES = 512;
    /** As the codec's text: a character outside the BMP as itself, not as an escaped surrogate pair. */
    private static final ObjectWriter UTF8 = Json.mapper().writer()
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    private record Encoded(Envelope envelope, byte[] json) {
    }

    private final AtomicReferenceArray<Encoded> recent = new AtomicReferenceArray<>(SLOTS);

    /** The frame's bytes, ready to be wrapped in a text frame; the buffer is the caller's. */
    ByteBuf encode(Frame.ServerFrame frame) {
        if (frame instanceof Frame.Msg msg) {
            // One array, not a composite of three: Netty's composite buffers cost more than the copy.
            byte[] head = head(msg);
            byte[] envelope = envelope(msg.msg());
            byte[] bytes = Arrays.copyOf(head, head.length + envelope.length + 1);
            System.arraycopy(envelope, 0, bytes, head.length, envelope.length);
            bytes[bytes.length - 1] = '}';
            return Unpooled.wrappedBuffer(bytes);
        }
        String text = frame instanceof Frame.PubAck ack && ack.id() != null ? pubAck(ack) : FrameCodec.write(frame);
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer to every publish, without a tree. */
    private static String pubAck(Frame.PubAck ack) {
        return "{\"op\":\"puback\",\"req\":" + ack.req() + ",\"id\":\"" + quoted(ack.id()) + "\",\"offset\":"
                + ack.offset() + ",\"duplicate\":" + ack.duplicate() + "}";
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** Everything before the envelope, in the order {@link FrameCodec#write} puts the fields. */
    private static byte[] head(Frame.Msg msg) {
        return ("{\"op\":\"msg\",\"sid\":\"" + quoted(msg.sid())
                + "\",\"delivery\":" + msg.delivery() + ",\"offset\":" + msg.offset() + ",\"msg\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] envelope(Envelope envelope) {
        int slot = System.identityHashCode(envelope) & (SLOTS - 1);
        Encoded cached = recent.getAcquire(slot);
        if (cached != null && cached.envelope() == envelope) {
            return cached.json();
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(ESTIMATED_BYTES);
        try (JsonGenerator out = UTF8.createGenerator(json)) {
            EnvelopeCodec.write(envelope, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return share(envelope, slot, json.toByteArray());
    }

    private byte[] share(Envelope envelope, int slot, byte[] json) {
        if (json.length <= MAX_SHARED_BYTES) {
            // A racing subscription may encode the same envelope too; either copy is right.
            recent.setRelease(slot, new Encoded(envelope, json));
        }
        return json;
    }
}
