package ai.kind.kmb.protocol;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorDetail;
import java.util.List;

/**
 * One WebSocket text frame of the KMB protocol: a JSON object with {@code op}. Client frames carry a
 * client-chosen {@code req} number that the server's answer echoes. {@code docs/protocol.md} is the
 * contract; {@link FrameCodec} reads and writes it.
 */
public sealed interface Frame {

    String op();

    /** Frames a client sends; each expects one answer with the same {@code req}. */
    sealed interface ClientFrame extends Frame {
        long req();
    }

    /** Frames the server sends. */
    sealed interface ServerFrame extends Frame {
    }

    record Hello(long req, String token, String clientId) implements ClientFrame {
        public String op() {
            return "hello";
        }
    }

    /**
     * {@code durable} null leaves the choice to the server's default. With {@code tx} the message is
     * staged in that open transaction instead, seen by nobody until it commits.
     */
    record Pub(long req, Envelope msg, Boolean durable, String tx) implements ClientFrame {
        public Pub(long req, Envelope msg, Boolean durable) {
            this(req, msg, durable, null);
        }

        public String op() {
            return "pub";
        }
    }

    /** Begins a transaction that the server rolls back after {@code timeoutMs} unless committed. */
    record TxBegin(long req, Long timeoutMs, Boolean durable) implements ClientFrame {
        public String op() {
            return "txbegin";
        }
    }

    record TxCommit(long req, String tx) implements ClientFrame {
        public String op() {
            return "txcommit";
        }
    }

    record TxAbort(long req, String tx) implements ClientFrame {
        public String op() {
            return "txabort";
        }
    }

    /**
     * {@code from} in its wire form: new, earliest, an offset or an RFC 3339 time. {@code backoffMs} is
     * the durable's redelivery delays by attempt, null when the frame has none. {@code observe} true
     * makes an ephemeral subscription an observer, which is never counted as a responder.
     */
    record Sub(long req, String sid, String filter, String durable, String group, String ack, Integer maxInflight,
               String from, Long ackWaitMs, Integer maxDeliver, List<Long> backoffMs, Boolean observe)
            implements ClientFrame {
        public Sub {
            backoffMs = backoffMs == null ? null : List.copyOf(backoffMs);
        }

        public String op() {
            return "sub";
        }
    }

    record Ack(long req, String sid, String id) implements ClientFrame {
        public String op() {
            return "ack";
        }
    }

    record Nack(long req, String sid, String id, boolean requeue) implements ClientFrame {
        public String op() {
            return "nack";
        }
    }

    record Unsub(long req, String sid) implements ClientFrame {
        public String op() {
            return "unsub";
        }
    }

    record Ping(long req) implements ClientFrame {
        public String op() {
            return "ping";
        }
    }

    record Welcome(long req, String clientId, String server, int protocol) implements ServerFrame {
        public String op() {
            return "welcome";
        }
    }

    record PubAck(long req, String id, long offset, boolean duplicate) implements ServerFrame {
        public String op() {
            return "puback";
        }
    }

    record TxStarted(long req, String tx, long timeoutMs) implements ServerFrame {
        public String op() {
            return "txstarted";
        }
    }

    /** The committed messages' ids and offsets, in the order they were staged. */
    record TxCommitted(long req, String tx, List<Committed> acks) implements ServerFrame {
        public TxCommitted {
            acks = List.copyOf(acks);
        }

        public String op() {
            return "txcommitted";
        }
    }

    record Committed(String id, long offset) {
    }

    record SubOk(long req, String sid) implements ServerFrame {
        public String op() {
            return "subok";
        }
    }

    /** The answer to ack, nack and unsub. */
    record Ok(long req) implements ServerFrame {
        public String op() {
            return "ok";
        }
    }

    record Pong(long req) implements ServerFrame {
        public String op() {
            return "pong";
        }
    }

    record Msg(String sid, int delivery, long offset, Envelope msg) implements ServerFrame {
        public String op() {
            return "msg";
        }
    }

    /** {@code req} is null when the error answers no particular frame (say, one that was not JSON). */
    record Error(Long req, String code, String message, List<ErrorDetail> details) implements ServerFrame {
        public Error {
            details = details == null ? List.of() : List.copyOf(details);
        }

        public String op() {
            return "error";
        }
    }
}
