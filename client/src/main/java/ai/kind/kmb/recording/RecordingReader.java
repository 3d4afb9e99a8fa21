package ai.kind.kmb.recording;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a recording, plain or gzipped, one line at a time: only the current line is in memory, so
 * a file of any size reads in constant space. Opening reads and checks the header; a file that is
 * not a recording is refused with a {@link RecordingFormatException} naming it. After that, a line
 * that cannot be read becomes a {@link RecordingProblem} and reading goes on with the next line.
 *
 * <p>Entries can be iterated once. Not thread-safe: one reader belongs to one consumer.
 */
public final class RecordingReader implements AutoCloseable, Iterable<RecordingEntry> {
    /** Longer lines are reported and skipped rather than held in memory. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
    /** Problems kept in {@link #problems()}; a file of garbage must not fill the heap with them. */
    public static final int MAX_PROBLEMS_KEPT = 10_000;
    private static final int GZIP_MAGIC = 0x8b1f;

    private final String name;
    private final InputStream in;
    private final LineScanner lines;
    private final RecordingHeader header;
    private final List<RecordingProblem> problems = new ArrayList<>();
    private long entries;
    private long problemCount;
    private boolean iterated;
    private boolean finished;
    private boolean closed;

    private RecordingReader(String name, InputStream in) throws IOException {
        this.name = name;
        this.in = in;
        this.lines = new LineScanner(in, MAX_LINE_BYTES);
        LineScanner.Line first;
        try {
            first = lines.next();
        } catch (EOFException | ZipException e) {
            throw new RecordingFormatException(name, "is cut short before its header ends (" + e.getMessage() + ")");
        }
        if (first == null || first.isBlank()) {
            throw new RecordingFormatException(name, "is not a KMB recording: "
                    + (first == null ? "it is empty" : "its first line is blank") + "; a recording starts with a header line");
        }
        this.header = RecordingJson.parseHeader(first.bytes(), first.length(), name);
    }

    /** Opens a file; gzip is recognised by its content, so a renamed file still reads. */
    public static RecordingReader open(Path path) throws IOException {
        if (Files.notExists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        // FileInputStream rather than Files.newInputStream: an interrupt must not close the file under us.
        return open(new FileInputStream(path.toFile()), path.toString());
    }

    /** Reads a recording from a stream (an upload, say); {@code name} is what errors call it. */
    public static RecordingReader open(InputStream stream, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream, 64 * 1024);
        try {
            InputStream in = isGzip(buffered) ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
            return new RecordingReader(name, in);
        } catch (EOFException | ZipException e) {
            buffered.close();
            throw new RecordingFormatException(name, "starts like gzip but is not readable gzip (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    public RecordingHeader header() {
        return header;
    }

    /** What errors call this recording: its path, or the name given with a stream. */
    public String name() {
        return name;
    }

    /** Entries read so far; once iteration ends, all the file holds. */
    public long entryCount() {
        return entries;
    }

    /** Lines that could not be read so far, in file order; the first {@value #MAX_PROBLEMS_KEPT}. */
    public List<RecordingProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** How many lines could not be read so far, including any beyond those kept. */
    public long problemCount() {
        return problemCount;
    }

    /**
     * The entries, read lazily. Reading errors other than a cut-short or corrupt file (a failing
     * disk, say) surface as {@link UncheckedIOException}.
     */
    @Override
    public Iterator<RecordingEntry> iterator() {
        if (iterated) {
            throw new IllegalStateException("the entries of " + name + " can be read once; open it again to re-read");
        }
        iterated = true;
        return new Iterator<>() {
            private RecordingEntry next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readEntry();
                }
                return next != null;
            }

            @Override
            public RecordingEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RecordingEntry entry = next;
                next = null;
                return entry;
            }
        };
    }

    public Stream<RecordingEntry> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }

    private RecordingEntry readEntry() {
        while (!finished && !closed) {
            LineScanner.Line line = nextLine();
            if (line == null) {
                finished = true;
                return null;
            }
            if (line.tooLong()) {
                problem(line.number(), "is longer than " + MAX_LINE_BYTES + " bytes; skipped");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                RecordingEntry entry = RecordingJson.parseEntry(line.number(), line.bytes(), line.length());
                entries++;
                return entry;
            } catch (RecordingJson.BadLine e) {
                problem(line.number(), line.terminated() ? e.getMessage()
                        : "is cut short (the last line has no newline, the writer probably stopped mid-line): "
                                + e.getMessage());
            }
        }
        return null;
    }

    private LineScanner.Line nextLine() {
        try {
            return lines.next();
        } catch (EOFException | ZipException e) {
            // A gzip stream whose writer was killed ends without its trailer: every line flushed
            // before that is intact, and the file is still worth reading.
            finished = true;
            long number = lines.lineNumber() + 1;
            problem(number, lines.pendingBytes() > 0
                    ? "is cut short: the compressed data ends inside this line (" + e.getMessage() + ")"
                    : "the compressed data ends without its gzip trailer (the writer did not close the file); "
                            + "every line before it was read");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " at line " + (lines.lineNumber() + 1), e);
        }
    }

    private void problem(long lineNumber, String reason) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(new RecordingProblem(lineNumber, reason));
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first >= 0 && second >= 0 && (first | (second << 8)) == GZIP_MAGIC;
    }
}
