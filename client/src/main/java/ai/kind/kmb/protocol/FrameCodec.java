package ai.kind.kmb.protocol;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.protocol.Frame.ClientFrame;
import ai.kind.kmb.protocol.Frame.ServerFrame;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes protocol frames as JSON text. Reading names the field and the reason of every
 * refusal and keeps the frame's {@code req} when it could be read, so the error can echo it.
 */
public final class FrameCodec {
    private FrameCodec() {
    }

    public static ClientFrame readClientFrame(String text) {
        Frame.Pub pub = PlainFrames.pub(text);
        if (pub != null) {
            return pub;
        }
        ObjectNode node = parseObject(text);
        Long req = FrameFields.req(node);
        String op = FrameFields.op(node, req);
        try {
            return switch (op) {
                case "hello" -> new Frame.Hello(req, FrameFields.text(node, "token"), FrameFields.text(node, "client_id"));
                case "pub" -> new Frame.Pub(req, EnvelopeCodec.fromJson(FrameFields.required(node, "msg", req)),
                        FrameFields.bool(node, "durable"), FrameFields.text(node, "tx"));
                case "txbegin" -> new Frame.TxBegin(req, FrameFields.longValue(node, "timeout_ms"),
                        FrameFields.bool(node, "durable"));
                case "txcommit" -> new Frame.TxCommit(req, FrameFields.requiredText(node, "tx", req));
                case "txabort" -> new Frame.TxAbort(req, FrameFields.requiredText(node, "tx", req));
                case "sub" -> new Frame.Sub(req, FrameFields.requiredText(node, "sid", req),
                        FrameFields.requiredText(node, "filter", req), FrameFields.text(node, "durable"),
                        FrameFields.text(node, "group"), FrameFields.text(node, "ack"),
                        FrameFields.integer(node, "max_inflight"), FrameFields.text(node, "from"),
                        FrameFields.longValue(node, "ack_wait_ms"), FrameFields.integer(node, "max_deliver"),
                        FrameFields.longs(node, "backoff_ms"), FrameFields.bool(node, "observe"));
                case "ack" -> new Frame.Ack(req, FrameFields.requiredText(node, "sid", req),
                        FrameFields.requiredText(node, "id", req));
                case "nack" -> new Frame.Nack(req, FrameFields.requiredText(node, "sid", req),
                        FrameFields.requiredText(node, "id", req), Boolean.TRUE.equals(FrameFields.bool(node, "requeue")));
                case "unsub" -> new Frame.Unsub(req, FrameFields.requiredText(node, "sid", req));
                case "ping" -> new Frame.Ping(req);
                default -> throw new FrameException(req, "op", "'" + op
                        + "' is not a client operation (hello, pub, sub, ack, nack, unsub, ping, txbegin, txcommit, txabort)");
            };
        } catch (FrameException e) {
            throw e;
        } catch (KmbException e) {
            throw new FrameException(req, e);
        }
    }

    public static ServerFrame readServerFrame(String text) {
        Frame.Msg msg = PlainFrames.msg(text);
        if (msg != null) {
            return msg;
        }
        ObjectNode node = parseObject(text);
        Long req = node.hasNonNull("req") ? FrameFields.req(node) : null;
        String op = FrameFields.op(node, req);
        return switch (op) {
            case "welcome" -> new Frame.Welcome(req, FrameFields.text(node, "client_id"), FrameFields.text(node, "server"),
                    node.path("protocol").asInt(1));
            case "puback" -> new Frame.PubAck(req, FrameFields.requiredText(node, "id", req), node.path("offset").asLong(-1),
                    node.path("duplicate").asBoolean(false));
            case "subok" -> new Frame.SubOk(req, FrameFields.requiredText(node, "sid", req));
            case "txstarted" -> new Frame.TxStarted(req, FrameFields.requiredText(node, "tx", req),
                    node.path("timeout_ms").asLong());
            case "txcommitted" -> new Frame.TxCommitted(req, FrameFields.requiredText(node, "tx", req),
                    FrameFields.committed(node.get("acks")));
            case "ok" -> new Frame.Ok(req);
            case "pong" -> new Frame.Pong(req);
            case "msg" -> new Frame.Msg(FrameFields.requiredText(node, "sid", req), node.path("delivery").asInt(1),
                    node.path("offset").asLong(-1), EnvelopeCodec.fromJson(FrameFields.required(node, "msg", req)));
            case "error" -> new Frame.Error(req, FrameFields.text(node, "code"), FrameFields.text(node, "message"),
                    details(node.get("details")));
            default -> throw new FrameException(req, "op", "'" + op + "' is not a server operation");
        };
    }

    public static String write(Frame frame) {
        ObjectNode node = Json.object();
        node.put("op", frame.op());
        switch (frame) {
            case Frame.Hello f -> node.put("req", f.req()).put("token", f.token()).put("client_id", f.clientId());
            case Frame.Pub f -> {
                return writePub(f);
            }
            case Frame.TxBegin f -> node.put("req", f.req()).put("timeout_ms", f.timeoutMs()).put("durable", f.durable());
            case Frame.TxCommit f -> node.put("req", f.req()).put("tx", f.tx());
            case Frame.TxAbort f -> node.put("req", f.req()).put("tx", f.tx());
            case Frame.TxStarted f -> node.put("req", f.req()).put("tx", f.tx()).put("timeout_ms", f.timeoutMs());
            case Frame.TxCommitted f -> FrameFields.putCommitted(node, f);
            case Frame.Sub f -> FrameFields.putSub(node, f);
            case Frame.Ack f -> node.put("req", f.req()).put("sid", f.sid()).put("id", f.id());
            case Frame.Nack f -> node.put("req", f.req()).put("sid", f.sid()).put("id", f.id()).put("requeue", f.requeue());
            case Frame.Unsub f -> node.put("req", f.req()).put("sid", f.sid());
            case Frame.Ping f -> node.put("req", f.req());
            case Frame.Welcome f -> node.put("req", f.req()).put("client_id", f.clientId()).put("server", f.server())
                    .put("protocol", f.protocol());
            case Frame.PubAck f -> node.put("req", f.req()).put("id", f.id()).put("offset", f.offset())
                    .put("duplicate", f.duplicate());
            case Frame.SubOk f -> node.put("req", f.req()).put("sid", f.sid());
            case Frame.Ok f -> node.put("req", f.req());
            case Frame.Pong f -> node.put("req", f.req());
            case Frame.Msg f -> node.put("sid", f.sid()).put("delivery", f.delivery()).put("offset", f.offset())
                    .set("msg", EnvelopeCodec.toJson(f.msg()));
            case Frame.Error f -> FrameFields.putError(node, f);
        }
        node.properties().removeIf(entry -> entry.getValue().isNull());
        return node.toString();
    }

    /** What the tree would give, field for field, without building it: publishing is what SDKs do most. */
    private static String writePub(Frame.Pub pub) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator out = Json.mapper().createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("op", pub.op());
            out.writeNumberField("req", pub.req());
            out.writeFieldName("msg");
            EnvelopeCodec.write(pub.msg(), out);
            if (pub.durable() != null) {
                out.writeBooleanField("durable", pub.durable());
            }
            if (pub.tx() != null) {
                out.writeStringField("tx", pub.tx());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return text.toString();
    }

    /** The error frame for a failure: its code, message and details. */
    public static Frame.Error error(Long req, KmbException failure) {
        return new Frame.Error(req, failure.code().wireName(), failure.getMessage(), failure.details());
    }

    private static ObjectNode parseObject(String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new FrameException(null, "frame", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FrameException(null, "frame", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static List<ErrorDetail> details(JsonNode node) {
        List<ErrorDetail> details = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(detail -> details.add(new ErrorDetail(detail.path("field").asText(null),
                    detail.path("reason").asText(null))));
        }
        return details;
    }
}
