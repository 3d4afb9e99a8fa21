package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.store.MessageLog;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the shared log from its end: reads what lies past its cursor, hands each entry on in
 * offset order, and otherwise waits for a wake-up. A wake-up only means "look again", so a lost one
 * costs at most {@link #RECHECK} of latency, never an entry. While the server is away it retries
 * with backoff from the same cursor, so entries appended meanwhile are handed on once it is back.
 */
final class LogTail implements AutoCloseable {
    /** Blocks until the log may hold entries past {@code cursor}, or {@code atMost} passed. */
    @FunctionalInterface
    interface Wakeups {
        void awaitAfter(long cursor, Duration atMost) throws InterruptedException;
    }

    static final Duration RECHECK = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
    private static final int BATCH = 256;

    private final String name;
    private final MessageLog log;
    private final Wakeups wakeups;
    private final Consumer<StoredMessage> sink;
    private final Thread thread;
    private long cursor;
    private volatile boolean running = true;

    LogTail(String name, MessageLog log, Wakeups wakeups, Consumer<StoredMessage> sink) {
        this.name = name;
        this.log = log;
        this.wakeups = wakeups;
        this.sink = sink;
        this.cursor = log.lastOffset();
        this.thread = Thread.ofVirtual().name("kmb-tail-" + name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Backoff backoff = new Backoff();
        boolean failing = false;
        while (running) {
            try {
                List<StoredMessage> batch = log.readAfter(cursor, BATCH);
                for (StoredMessage stored : batch) {
                    cursor = stored.offset();
                    sink.accept(stored);
                }
                if (failing) {
                    LOG.info("{}: reading the shared log again from offset {}", name, cursor);
                    failing = false;
                    backoff.reset();
                }
                if (batch.size() < BATCH) {
                    wakeups.awaitAfter(cursor, RECHECK);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("{}: cannot read the shared log past offset {} ({}); retrying", name, cursor,
                            e.getMessage());
                    failing = true;
                }
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Backoff.stop(thread);
    }
}
