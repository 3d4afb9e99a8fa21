package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;

/**
 * The text an ephemeral message travels as between nodes: the sending node's id, a line feed, the
 * envelope's JSON. The id lets a node skip its own messages, which Redis pub/sub and NOTIFY echo back.
 */
final class LiveFrames {
    private LiveFrames() {
    }

    static String encode(String nodeId, Envelope message) {
        return nodeId + "\n" + EnvelopeCodec.toJsonString(message);
    }

    /** The envelope, or null when the frame came from {@code nodeId} itself. */
    static Envelope decodeFromOthers(String nodeId, String frame) {
        int newline = frame.indexOf('\n');
        if (newline < 0) {
            throw new IllegalArgumentException("not a KMB node frame (no node id line)");
        }
        if (frame.regionMatches(0, nodeId, 0, newline) && newline == nodeId.length()) {
            return null;
        }
        return EnvelopeCodec.fromJson(frame.substring(newline + 1));
    }
}
