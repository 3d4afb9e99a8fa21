package ai.kind.kmb.recording;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Records live traffic to a file: an ephemeral subscription (so recording never holds the bus
 * back; a recorder that falls behind loses messages, and the bus counts them) whose deliveries are
 * written with the time they arrived. {@link #stop()} ends the subscription and closes the file.
 */
public final class Recorder implements AutoCloseable {
    /** How long a stop waits for the messages already delivered to be written. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final RecordingWriter writer;
    private final Clock clock;
    private final Subscription subscription;
    private final Object lock = new Object();
    private final Object stopLock = new Object();
    private volatile boolean stopped;
    private long writeFailures;
    private String lastError;
    private RecorderStats finalStats;

    private Recorder(Bus bus, String filter, RecordingWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
        this.subscription = bus.subscribe(SubscribeOptions.ephemeral(filter), this::record);
    }

    /**
     * Creates the file (never overwriting one), writes its header and starts recording.
     *
     * @param source what the header says the traffic came from, such as the broker's URL
     */
    public static Recorder start(Bus bus, String filter, Path path, String source, Clock clock) throws IOException {
        Objects.requireNonNull(bus, "bus");
        // Parse first so that a bad filter fails before a file is created.
        SubscribeOptions.ephemeral(filter);
        RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of(source, filter, clock.instant()));
        try {
            return new Recorder(bus, filter, writer, clock);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    public static Recorder start(Bus bus, String filter, Path path, String source) throws IOException {
        return start(bus, filter, path, source, Clock.systemUTC());
    }

    public Path path() {
        return writer.path();
    }

    public RecordingHeader header() {
        return writer.header();
    }

    public boolean isStopped() {
        return stopped;
    }

    public long written() {
        return stats().written();
    }

    public long dropped() {
        return stats().dropped();
    }

    public RecorderStats stats() {
        synchronized (lock) {
            if (finalStats != null) {
                return finalStats;
            }
            return new RecorderStats(writer.written(), subscription.dropped(), writeFailures, lastError);
        }
    }

    /**
     * Stops recording and closes the file; returns the final counts. What the bus delivered before
     * the stop is still written (the subscription drains, for up to {@link #DRAIN_TIMEOUT}); what
     * arrives after it is not, and is not counted as lost.
     */
    public RecorderStats stop() throws IOException {
        // A lock of its own: the handler takes `lock`, and closing the subscription may wait for it.
        synchronized (stopLock) {
            if (stopped) {
                return stats();
            }
            // Drain before marking the recorder stopped: the handler skips deliveries once it is.
            subscription.drain(DRAIN_TIMEOUT);
            stopped = true;
            long droppedByBus = subscription.dropped();
            IOException closeFailure = null;
            try {
                writer.close();
            } catch (IOException e) {
                closeFailure = e;
            }
            synchronized (lock) {
                if (closeFailure != null) {
                    lastError = "closing " + writer.path() + ": " + closeFailure.getMessage();
                }
                finalStats = new RecorderStats(writer.written(), droppedByBus, writeFailures, lastError);
            }
            if (closeFailure != null) {
                throw closeFailure;
            }
            return finalStats;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void record(Delivery delivery) {
        if (stopped) {
            return;
        }
        try {
            writer.write(clock.instant(), delivery.offset(), delivery.message());
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                // Never rethrow: the bus would count a failed delivery, and this one is already lost.
                writeFailures++;
                lastError = e.getMessage();
            }
        }
    }
}
