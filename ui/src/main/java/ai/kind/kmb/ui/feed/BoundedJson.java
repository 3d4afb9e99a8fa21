package ai.kind.kmb.ui.feed;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes JSON but stops after a number of characters, so that showing a 50 MB payload costs no
 * more than showing its first 16 KB: the cost of display is bounded by the limit, not the message.
 */
public final class BoundedJson {

    /** The compact JSON, or its first {@code limit} characters; {@link Result#complete()} says which. */
    public record Result(String text, boolean complete) {
    }

    private BoundedJson() {
    }

    public static Result write(JsonNode node, int limit) {
        LimitedWriter out = new LimitedWriter(limit);
        try (JsonGenerator generator = Json.mapper().getFactory().createGenerator(out)) {
            Json.mapper().writeTree(generator, node);
        } catch (LimitReached stop) {
            return new Result(out.text(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(out.text(), true);
    }

    /** Cuts text to one line of at most {@code max} characters, ending in an ellipsis when cut. */
    public static String oneLine(String text, int max) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static final class LimitReached extends IOException {
        LimitReached() {
            // No stack trace: this is the normal way out for a large payload, and it may be frequent.
            super("limit reached", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final class LimitedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int limit;

        LimitedWriter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int room = limit - text.length();
            if (length > room) {
                text.append(chars, offset, room);
                throw new LimitReached();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            return text.toString();
        }
    }
}
