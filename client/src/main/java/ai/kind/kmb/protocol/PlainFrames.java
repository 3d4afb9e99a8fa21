package ai.kind.kmb.protocol;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The two frames that carry messages, {@code msg} and {@code pub}, read from their tokens when they
 * are written as servers and SDKs write them: {@code op} first, every field of the expected kind.
 * Reading them through a tree first cost as much as everything else a delivery did. Anything else
 * gives null, and {@link FrameCodec} reads the text the long way, which also says what is wrong.
 */
final class PlainFrames {
    private PlainFrames() {
    }

    /** A {@code msg} frame, or null. */
    static Frame.Msg msg(String text) {
        try (JsonParser in = opening(text, "msg")) {
            if (in == null) {
                return null;
            }
            String sid = null;
            int delivery = 1;
            long offset = -1;
            Envelope msg = null;
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                switch (field) {
                    case "sid" -> {
                        if (value != JsonToken.VALUE_STRING || in.getTextLength() == 0) {
                            return null;
                        }
                        sid = in.getText();
                    }
                    case "delivery" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
                            return null;
                        }
                        delivery = in.getIntValue();
                    }
                    case "offset" -> {
                        if (!isLong(in, value)) {
                            return null;
                        }
                        offset = in.getLongValue();
                    }
                    case "msg" -> {
                        msg = EnvelopeCodec.readPlain(in);
                        if (msg == null) {
                            return null;
                        }
                    }
                    case "op" -> {
                        return null;
                    }
                    default -> in.skipChildren();
                }
            }
            return sid != null && msg != null && ends(in) ? new Frame.Msg(sid, delivery, offset, msg) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A {@code pub} frame, or null. */
    static Frame.Pub pub(String text) {
        try (JsonParser in = opening(text, "pub")) {
            if (in == null) {
                return null;
            }
            long req = -1;
            Envelope msg = null;
            Boolean durable = null;
            String tx = null;
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                switch (field) {
                    case "req" -> {
                        if (!isLong(in, value) || in.getLongValue() < 0) {
                            return null;
                        }
                        req = in.getLongValue();
                    }
                    case "msg" -> {
                        msg = EnvelopeCodec.readPlain(in);
                        if (msg == null) {
                            return null;
                        }
                    }
                    case "durable" -> {
                        switch (value) {
                            case VALUE_TRUE, VALUE_FALSE -> durable = in.getBooleanValue();
                            case VALUE_NULL -> durable = null;
                            default -> {
                                return null;
                            }
                        }
                    }
                    case "tx" -> {
                        switch (value) {
                            case VALUE_STRING -> tx = in.getText();
                            case VALUE_NULL -> tx = null;
                            default -> {
                                return null;
                            }
                        }
                    }
                    case "op" -> {
                        return null;
                    }
                    default -> in.skipChildren();
                }
            }
            return req >= 0 && msg != null && ends(in) ? new Frame.Pub(req, msg, durable, tx) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A parser past {@code "op":"<op>"} as the object's first field, or null if the text does not start so. */
    private static JsonParser opening(String text, String op) throws IOException {
        JsonParser in = Json.mapper().createParser(text);
        if (in.nextToken() == JsonToken.START_OBJECT && "op".equals(in.nextFieldName())
                && in.nextToken() == JsonToken.VALUE_STRING && op.equals(in.getText())) {
            return in;
        }
        in.close();
        return null;
    }

    private static boolean isLong(JsonParser in, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && in.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    /** True if the object closed and nothing follows it, as the tree reader requires. */
    private static boolean ends(JsonParser in) throws IOException {
        return in.currentToken() == JsonToken.END_OBJECT && in.nextToken() == null;
    }
}
