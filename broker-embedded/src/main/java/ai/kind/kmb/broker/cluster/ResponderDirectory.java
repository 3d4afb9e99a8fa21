package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;
import ai.kind.kmb.broker.routing.TopicTrie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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
 * Which node delivers a message to a queue group is decided from the cache alone. One virtual thread
 * does all the talking.
 */
final class ResponderDirectory implements Responders, AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration TTL = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ResponderDirectory.class);
    private static final CompletableFuture<Boolean> YES = CompletableFuture.completedFuture(true);

    /** The other nodes' filters and groups, and until when (System.nanoTime) each node's entry lasts. */
    private record Cache(TopicTrie<String> filters, Map<QueueGroup, List<String>> groups,
                         Map<String, Long> deadlines) {
        boolean matches(String topic) {
            long now = System.nanoTime();
            return filters.match(topic).stream().anyMatch(node -> alive(node, now));
        }

        boolean alive(String node, long now) {
            return deadlines.get(node) - now > 0;
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
    private boolean readWanted;
    private boolean running = true;
    private volatile Cache cache = new Cache(new TopicTrie<>(), Map.of(), Map.of());
    private Supplier<Listing> local;
    private Thread thread;

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

    /** Starts writing {@code listing} (this node's, read when written) and reading the others'. */
    void start(Supplier<Listing> listing) {
        lock.lock();
        try {
            local = listing;
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

    /** Another node announced a change: read the board soon. Never blocks. */
    void refresh() {
        lock.lock();
        try {
            readWanted = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
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
        Cache now = cache;
        List<String> others = now.groups().get(group);
        if (others == null) {
            return true;
        }
        long at = System.nanoTime();
        return GroupPick.wins(messageId, nodeId, others, node -> now.alive(node, at));
    }

    private void request(List<CompletableFuture<Void>> waiting, CompletableFuture<Void> future) {
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
        Listing onBoard = null;
        boolean failing = false;
        long nextBeat = System.nanoTime();
        while (true) {
            List<CompletableFuture<Void>> writing;
            List<CompletableFuture<Void>> reading;
            boolean beat;
            boolean read;
            lock.lock();
            try {
                while (running && writers.isEmpty() && readers.isEmpty() && !readWanted
                        && nextBeat - System.nanoTime() > 0) {
                    wake.awaitNanos(nextBeat - System.nanoTime());
                }
                if (!running) {
                    return;
                }
                beat = nextBeat - System.nanoTime() <= 0;
                read = beat || readWanted || !readers.isEmpty();
                readWanted = false;
                writing = List.copyOf(writers);
                reading = List.copyOf(readers);
                writers.clear();
                readers.clear();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                if (beat || !writing.isEmpty()) {
                    Listing listing = local.get();
                    if (beat || !listing.equals(onBoard)) {
                        board.put(nodeId, listing, ttl, !listing.equals(onBoard));
                        onBoard = listing;
                        nextBeat = System.nanoTime() + heartbeat.toNanos();
                    }
                }
                writing.forEach(written -> written.complete(null));
                if (read) {
                    cache = cached(board.read());
                }
                reading.forEach(done -> done.complete(null));
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
                writing.forEach(written -> written.completeExceptionally(e));
                reading.forEach(done -> done.completeExceptionally(e));
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    private Cache cached(List<ResponderBoard.Entry> entries) {
        TopicTrie<String> filters = new TopicTrie<>();
        Map<QueueGroup, List<String>> groups = new HashMap<>();
        Map<String, Long> deadlines = new HashMap<>();
        long now = System.nanoTime();
        for (ResponderBoard.Entry entry : entries) {
            if (entry.nodeId().equals(nodeId)) {
                continue;
            }
            deadlines.put(entry.nodeId(), now + entry.left().toNanos());
            entry.listing().groups().forEach(group -> groups.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(entry.nodeId()));
            for (String filter : entry.listing().filters()) {
                try {
                    filters.add(TopicFilter.parse(filter), entry.nodeId());
                } catch (RuntimeException e) {
                    LOG.debug("node {}: node {} lists a filter this node cannot read: {}", nodeId, entry.nodeId(),
                            filter);
                }
            }
        }
        return new Cache(filters, groups, deadlines);
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
            writers.forEach(written -> written.completeExceptionally(new IllegalStateException("the node closed")));
            readers.forEach(done -> done.completeExceptionally(new IllegalStateException("the node closed")));
            writers.clear();
            readers.clear();
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
