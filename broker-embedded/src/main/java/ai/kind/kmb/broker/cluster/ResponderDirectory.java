package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which filters the responders of the other nodes listen on and which ephemeral queue groups they
 * have members of, and this node's own entry for them, on a {@link ResponderBoard}. The node writes
 * its entry when its listing changes and again every heartbeat; an entry lasts {@code ttl} past its
 * last write, so a node that dies without a word stops counting that long after its last heartbeat.
 * The other nodes' entries are cached and read again when a node announces a change, every
 * heartbeat, and before the cache's answer would be "nobody": so a publish finds a responder in
 * memory, and only a request about to fail with {@code no_responders} costs a read of the server.
 * Which node delivers a message to a queue group is decided from the cache alone. The node's report
 * of the durables it serves goes with every write of its entry (and is written at once when members
 * come or go); the others' reports are read only when asked for. One virtual thread does all the
 * talking.
 */
final class ResponderDirectory implements Responders, DurableReports, AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration TTL = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ResponderDirectory.class);
    private static final CompletableFuture<Boolean> YES = CompletableFuture.completedFuture(true);

    /** What one turn of the loop does: what it was asked, and whether the heartbeat is due. */
    private record Round(boolean beat, boolean read, boolean report, List<CompletableFuture<Void>> writing,
                         List<CompletableFuture<Void>> reading,
                         List<CompletableFuture<List<DurablesReport>>> readingReports) {
        void fail(Exception e) {
            failAll(e, writing, reading, readingReports);
        }
    }

    private final String nodeId;
    private final ResponderBoard board;
    private final Duration heartbeat;
    private final Duration ttl;
    private final Executor answers = task -> Thread.ofVirtual().name("kmb-responders-answer").start(task);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final List<CompletableFuture<Void>> writers = new ArrayList<>();
    private final List<CompletableFuture<Void>> readers = new ArrayList<>();
    private final List<CompletableFuture<List<DurablesReport>>> reportReaders = new ArrayList<>();
    private boolean readWanted;
    private boolean reportWanted;
    private boolean running = true;
    private volatile ResponderCache cache = ResponderCache.EMPTY;
    private Supplier<Listing> local;
    private Supplier<DurablesReport> localReport;
    private Thread thread;
    private Listing onBoard;
    private long nextBeat = System.nanoTime();

    ResponderDirectory(String nodeId, ResponderBoard board, Duration heartbeat, Duration ttl) {
        if (!heartbeat.isPositive() || ttl.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("the heartbeat must be positive and shorter than the ttl, got "
                    + heartbeat + " and " + ttl);
        }
        this.nodeId = nodeId;
        this.board = board;
        this.heartbeat = heartbeat;
        this.ttl = ttl;
    }

    /** Starts writing {@code listing} and {@code report} (this node's, read when written) and reading the others'. */
    void start(Supplier<Listing> listing, Supplier<DurablesReport> report) {
        lock.lock();
        try {
            local = listing;
            localReport = report;
            thread = Thread.ofVirtual().name("kmb-responders-" + nodeId).start(this::run);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> changed() {
        CompletableFuture<Void> written = new CompletableFuture<>();
        request(writers, written);
        return written;
    }

    @Override
    public void membersChanged() {
        signal(() -> reportWanted = true);
    }

    @Override
    public CompletableFuture<List<DurablesReport>> read() {
        CompletableFuture<List<DurablesReport>> read = new CompletableFuture<>();
        request(reportReaders, read);
        return read;
    }

    /** Another node announced a change: read the board soon. Never blocks. */
    void refresh() {
        signal(() -> readWanted = true);
    }

    /**
     * From the cache when it says yes, otherwise after a read of the board begun after this call.
     * When the board cannot be read the answer is yes, so the request goes on and meets the real
     * failure.
     */
    @Override
    public CompletableFuture<Boolean> respondsElsewhere(String topic) {
        if (cache.matches(topic)) {
            return YES;
        }
        CompletableFuture<Void> read = new CompletableFuture<>();
        request(readers, read);
        return read.handleAsync((done, error) -> error != null || cache.matches(topic), answers);
    }

    @Override
    public boolean deliversHere(QueueGroup group, String messageId) {
        ResponderCache now = cache;
        List<String> others = now.groups().get(group);
        if (others == null) {
            return true;
        }
        long at = System.nanoTime();
        return GroupPick.wins(messageId, nodeId, others, node -> now.alive(node, at));
    }

    private void signal(Runnable wanted) {
        lock.lock();
        try {
            wanted.run();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private <T> void request(List<CompletableFuture<T>> waiting, CompletableFuture<T> future) {
        lock.lock();
        try {
            if (!running) {
                future.completeExceptionally(new IllegalStateException("the node is closing"));
                return;
            }
            waiting.add(future);
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Backoff backoff = new Backoff();
        boolean failing = false;
        Round round;
        while ((round = await()) != null) {
            try {
                serve(round);
                if (failing) {
                    LOG.info("node {}: the list of responders on the shared server is up to date again", nodeId);
                    failing = false;
                }
                backoff.reset();
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // closing
                }
                if (!failing) {
                    LOG.warn("node {}: the list of responders on the shared server could not be written or read "
                            + "({}); retrying", nodeId, e.getMessage());
                    failing = true;
                }
                onBoard = null;
                nextBeat = System.nanoTime();
                round.fail(e);
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    /** Waits for something to do, or the heartbeat; null once closing. */
    private Round await() {
        lock.lock();
        try {
            while (running && writers.isEmpty() && readers.isEmpty() && reportReaders.isEmpty() && !readWanted
                    && !reportWanted && nextBeat - System.nanoTime() > 0) {
                wake.awaitNanos(nextBeat - System.nanoTime());
            }
            if (!running) {
                return null;
            }
            boolean beat = nextBeat - System.nanoTime() <= 0;
            Round round = new Round(beat, beat || readWanted || !readers.isEmpty(), reportWanted,
                    List.copyOf(writers), List.copyOf(readers), List.copyOf(reportReaders));
            readWanted = false;
            reportWanted = false;
            writers.clear();
            readers.clear();
            reportReaders.clear();
            return round;
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void serve(Round round) throws Exception {
        if (round.beat() || round.report() || !round.writing().isEmpty()) {
            Listing listing = local.get();
            boolean changed = !listing.equals(onBoard);
            if (round.beat() || round.report() || changed) {
                board.put(nodeId, listing, localReport.get(), ttl, changed);
                onBoard = listing;
                nextBeat = System.nanoTime() + heartbeat.toNanos();
            }
        }
        round.writing().forEach(written -> written.complete(null));
        if (round.read()) {
            cache = ResponderCache.of(nodeId, board.read());
        }
        round.reading().forEach(done -> done.complete(null));
        if (!round.readingReports().isEmpty()) {
            List<DurablesReport> reports = board.reports();
            round.readingReports().forEach(done -> done.complete(reports));
        }
    }

    private static void failAll(Exception e, List<CompletableFuture<Void>> writing,
                                List<CompletableFuture<Void>> reading,
                                List<CompletableFuture<List<DurablesReport>>> readingReports) {
        Stream.of(writing, reading, readingReports).flatMap(List::stream).forEach(waiting -> waiting
                .completeExceptionally(e));
    }

    /** Stops the thread and removes this node's entry, so the other nodes stop counting it at once. */
    @Override
    public void close() {
        Thread loop;
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            loop = thread;
            wake.signal();
            failAll(new IllegalStateException("the node closed"), writers, readers, reportReaders);
            writers.clear();
            readers.clear();
            reportReaders.clear();
        } finally {
            lock.unlock();
        }
        if (loop == null) {
            return;
        }
        Backoff.stop(loop);
        try {
            board.remove(nodeId);
        } catch (Exception e) {
            LOG.debug("node {}: its entry in the list of responders stays until its heartbeat runs out ({})", nodeId,
                    e.getMessage());
        }
    }
}
