package ai.kind.kmb.recording;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.history.StoredMessage;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a recording: the header at once, then one line per message. A name ending in {@code .gz}
 * is gzipped. Every line is flushed to the operating system as it is written (for gzip, with a
 * sync flush), so a process killed at any moment leaves a file whose every complete line reads
 * back; at most the line being written is lost. Safe to call from several threads: lines never
 * interleave.
 *
 * <p>A write that fails leaves the file's end in an unknown state, so the writer refuses every
 * later write rather than glue a good line onto a broken one.
 */
public final class RecordingWriter implements AutoCloseable {
    private final Path path;
    private final RecordingHeader header;
    private final boolean gzip;
    private final OutputStream out;
    private long written;
    private boolean closed;
    private IOException failure;

    private RecordingWriter(Path path, RecordingHeader header, boolean gzip, OutputStream out) {
        this.path = path;
        this.header = header;
        this.gzip = gzip;
        this.out = out;
    }

    /**
     * Creates the file and writes the header. An existing file is never overwritten (a recording
     * is often the only copy of what happened); delete it first to replace it.
     */
    public static RecordingWriter create(Path path, RecordingHeader header) throws IOException {
        Files.createFile(path);
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        // FileOutputStream rather than Files.newOutputStream: an interrupt of a writing thread must
        // not close the file for everyone else.
        OutputStream file = new BufferedOutputStream(new FileOutputStream(path.toFile()), 64 * 1024);
        OutputStream out = file;
        try {
            if (gzip) {
                out = new GZIPOutputStream(file, 64 * 1024, true);
            }
            RecordingWriter writer = new RecordingWriter(path, header, gzip, out);
            writer.writeLine(RecordingJson.headerLine(header));
            return writer;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    public void write(StoredMessage message) throws IOException {
        write(message.receivedAt(), message.offset(), message.envelope());
    }

    public void write(Instant receivedAt, long offset, Envelope message) throws IOException {
        // Encode outside the lock: only the file access needs to be serialized.
        byte[] line = RecordingJson.entryLine(receivedAt, offset, message);
        synchronized (this) {
            writeLine(line);
            written++;
        }
    }

    public Path path() {
        return path;
    }

    public RecordingHeader header() {
        return header;
    }

    public boolean isGzip() {
        return gzip;
    }

    /** Messages written so far (the header not counted). */
    public synchronized long written() {
        return written;
    }

    /** Writes the gzip trailer, if any, and closes the file. Closing twice does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
    }

    private synchronized void writeLine(byte[] line) throws IOException {
        if (closed) {
            throw new IOException("the recording " + path + " is closed");
        }
        if (failure != null) {
            throw new IOException("the recording " + path + " takes no more lines after an earlier write failed: "
                    + failure.getMessage(), failure);
        }
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }
}
