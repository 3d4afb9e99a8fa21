package ai.kind.kmb.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it. Working on bytes lets the reader hand each
 * line to Jackson as it is, cap the memory one line may take (a file with no newline at all must
 * not exhaust the heap), and know exactly what was buffered when the stream breaks off.
 */
final class LineScanner {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean ended;
    private byte[] line = new byte[4096];
    private int length;
    private long lineNumber;

    /**
     * One line, without its end-of-line bytes. {@code bytes} is reused by the next call.
     * {@code terminated} is false for a last line that has no newline; {@code tooLong} says the
     * line was longer than the cap and only its start was kept.
     */
    record Line(long number, byte[] bytes, int length, boolean terminated, boolean tooLong) {
        boolean isBlank() {
            for (int i = 0; i < length; i++) {
                if (!Character.isWhitespace(bytes[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    LineScanner(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                int read = ended ? -1 : in.read(buffer);
                if (read < 0) {
                    ended = true;
                    return any ? finish(false, tooLong) : null;
                }
                position = 0;
                limit = read;
                continue;
            }
            any = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            tooLong |= !append(position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return finish(true, tooLong);
            }
        }
    }

    /** Lines returned so far. */
    long lineNumber() {
        return lineNumber;
    }

    /** Bytes of a line begun but not finished: what is lost if the stream breaks off now. */
    int pendingBytes() {
        return length;
    }

    private Line finish(boolean terminated, boolean tooLong) {
        lineNumber++;
        int kept = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        Line result = new Line(lineNumber, line, kept, terminated, tooLong);
        length = 0;
        return result;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Appends up to the cap; false once bytes had to be dropped. */
    private boolean append(int from, int count) {
        int room = maxLineBytes - length;
        int take = Math.min(room, count);
        if (length + take > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + take)));
        }
        System.arraycopy(buffer, from, line, length, take);
        length += take;
        return take == count;
    }
}
