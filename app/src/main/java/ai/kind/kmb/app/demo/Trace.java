package ai.kind.kmb.app.demo;

import ai.kind.kmb.Metadata;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * W3C-style trace context for one hop: 32-hex trace id shared by every hop of a flow, a 16-hex
 * span id per hop, and the parent span it came from, so the trace timeline can draw the waterfall.
 */
record Trace(String traceId, String spanId, String parentId) {

    static Trace start(RandomGenerator random) {
        return new Trace(hex(random, 16), hex(random, 8), null);
    }

    /** The next hop: same trace, new span, this span as parent. */
    Trace child(RandomGenerator random) {
        return new Trace(traceId, hex(random, 8), spanId);
    }

    Metadata metadata() {
        return Metadata.EMPTY.withTrace(traceId, spanId, parentId);
    }

    /** The context a received message carries, to continue its trace. */
    static Trace of(Metadata metadata) {
        return new Trace(metadata.traceId(), metadata.spanId(), metadata.parentId());
    }

    private static String hex(RandomGenerator random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
