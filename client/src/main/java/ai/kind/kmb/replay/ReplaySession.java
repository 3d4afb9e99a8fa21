package ai.kind.kmb.replay;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One replay: its controls, state and progress. Every method may be called from any thread. The
 * replay runs on a virtual thread of its own once started; publishes are pipelined (up to
 * {@value #MAX_IN_FLIGHT} awaiting their acknowledgement) so that a durable replay as fast as
 * possible is not held to one disk sync per message.
 *
 * <p>A control that makes no sense in the current state (pausing a finished replay, stepping a
 * running one) is refused with a {@link KmbException} of code {@code bad_request}; asking for the
 * state the replay is already in is not an error.
 */
public final class ReplaySession {
    static final int MAX_IN_FLIGHT = 256;
    /** Issues kept for display; a replay where everything fails must not fill the heap. */
    public static final int MAX_ISSUES_KEPT = 1000;

    private final String id;
    private final String startedBy;
    private final Metadata.Auth publishAs;
    private final ReplaySource source;
    private final ReplayOptions options;
    private final Bus bus;
    private final ReplayClock clock;
    private final Pacer pacer;
    private final CompletableFuture<ReplayProgress> completion = new CompletableFuture<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every change the runner may be waiting for: controls and settled publishes. */
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<CompletableFuture<ReplayProgress>> steps = new ArrayDeque<>();
    private final ReplayTally tally = new ReplayTally();
    private ReplayState state = ReplayState.PENDING;
    private int inFlight;
    private String failure;

    ReplaySession(String id, String startedBy, Metadata.Auth publishAs, ReplaySource source, ReplayOptions options,
                  Bus bus, ReplayClock clock) {
        this.id = id;
        this.startedBy = startedBy;
        this.publishAs = publishAs;
        this.source = source;
        this.options = options;
        this.bus = bus;
        this.clock = clock;
        this.pacer = new Pacer(options.speed());
    }

    // ---- reading ----

    public String id() {
        return id;
    }

    /** The client id that asked a server for this replay; null for one started in process. */
    public String startedBy() {
        return startedBy;
    }

    /** The {@code metadata.auth} replayed messages carry; null keeps each original's. */
    Metadata.Auth publishAs() {
        return publishAs;
    }

    public ReplaySource source() {
        return source;
    }

    public ReplayOptions options() {
        return options;
    }

    public ReplayState state() {
        return progress().state();
    }

    public ReplayProgress progress() {
        lock.lock();
        try {
            return snapshot();
        } finally {
            lock.unlock();
        }
    }

    /** Why messages were not replayed, in order; the first {@value #MAX_ISSUES_KEPT}. */
    public List<ReplayIssue> issues() {
        return tally.issues();
    }

    /**
     * Completes, never exceptionally, with the final progress once the replay is DONE, CANCELLED
     * or FAILED. Completing the returned copy does not affect the replay.
     */
    public CompletableFuture<ReplayProgress> completion() {
        return completion.copy();
    }

    // ---- controls ----

    public void start() {
        begin(ReplayState.RUNNING);
    }

    /** Starts holding before the first message, so that it can be stepped through from the start. */
    public void startPaused() {
        begin(ReplayState.PAUSED);
    }

    public void pause() {
        change("paused", ReplayState.RUNNING, ReplayState.PAUSED);
    }

    public void resume() {
        change("resumed", ReplayState.PAUSED, ReplayState.RUNNING);
    }

    /**
     * While paused, publishes the next message that can be replayed (skipping past any that
     * cannot) and holds again. Completes with the progress once that publish has settled, or when
     * the replay ends first.
     */
    public CompletableFuture<ReplayProgress> step() {
        lock.lock();
        try {
            if (state != ReplayState.PAUSED) {
                throw refused("stepped", state == ReplayState.RUNNING ? "; pause it first" : "");
            }
            CompletableFuture<ReplayProgress> step = new CompletableFuture<>();
            steps.add(step);
            changed.signalAll();
            return step.copy();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the replay; nothing more is published, though a publish already handed to the bus
     * still settles. Returns false if the replay had already ended.
     */
    public boolean cancel() {
        ReplayProgress ended;
        lock.lock();
        try {
            if (state.isFinal()) {
                return false;
            }
            boolean neverStarted = state == ReplayState.PENDING;
            state = ReplayState.CANCELLED;
            changed.signalAll();
            if (!neverStarted) {
                return true; // the runner finishes and completes
            }
            ended = snapshot();
        } finally {
            lock.unlock();
        }
        completion.complete(ended);
        return true;
    }

    // ---- for the runner ----

    /**
     * Waits until the message received at {@code receivedAt} may be published: the replay is
     * running and the message is due, or a step asks for it, and the in-flight window has room.
     * Returns null if the replay was cancelled meanwhile.
     */
    ReplayTurn awaitTurn(Instant receivedAt) throws InterruptedException {
        lock.lock();
        try {
            while (state != ReplayState.CANCELLED) {
                if (inFlight >= MAX_IN_FLIGHT) {
                    changed.await();
                } else if (!steps.isEmpty()) {
                    pacer.reset();
                    return claim(new ReplayTurn(steps.poll()), receivedAt);
                } else if (state == ReplayState.PAUSED) {
                    pacer.reset();
                    changed.await();
                } else {
                    long wait = pacer.delay(receivedAt, clock.nanoTime());
                    if (wait <= 0) {
                        return claim(ReplayTurn.RUN, receivedAt);
                    }
                    clock.sleep(wait, changed);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** A publish handed to the bus settled: acknowledged, or refused with {@code error}. */
    void settled(String originalId, String originalTopic, PublishAck ack, Throwable error, ReplayTurn turn) {
        tally.settled(originalId, originalTopic, ack, error);
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (turn.step() != null) {
            turn.step().complete(progress());
        }
    }

    /** A message, or a place in the source, that was not replayed. */
    void skipped(ReplayIssue issue, Instant receivedAt) {
        tally.skipped(issue, receivedAt);
    }

    void totalKnown(long count) {
        lock.lock();
        try {
            if (!state.isFinal()) {
                tally.total(count);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isCancelled() {
        return state() == ReplayState.CANCELLED;
    }

    /** The runner is done: the source ended (failure null) or could not be read. */
    void finish(String failureReason) {
        ReplayProgress ended;
        List<CompletableFuture<ReplayProgress>> waiting;
        lock.lock();
        try {
            // DONE promises final counts, so wait for what is still in flight, unless cancelled.
            while (failureReason == null && inFlight > 0 && state != ReplayState.CANCELLED) {
                changed.awaitUninterruptibly();
            }
            if (state != ReplayState.CANCELLED) {
                state = failureReason == null ? ReplayState.DONE : ReplayState.FAILED;
                failure = failureReason;
                if (state == ReplayState.DONE) {
                    tally.totalIsHandled();
                }
            }
            waiting = List.copyOf(steps);
            steps.clear();
            ended = snapshot();
        } finally {
            lock.unlock();
        }
        waiting.forEach(step -> step.complete(ended));
        completion.complete(ended);
    }

    private ReplayTurn claim(ReplayTurn turn, Instant receivedAt) {
        inFlight++;
        tally.sent(receivedAt);
        pacer.sent(receivedAt);
        return turn;
    }

    private void begin(ReplayState first) {
        lock.lock();
        try {
            if (state != ReplayState.PENDING) {
                throw refused("started", "");
            }
            state = first;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("kmb-replay-" + id).start(new ReplayRunner(this, bus));
    }

    private void change(String verb, ReplayState from, ReplayState to) {
        lock.lock();
        try {
            if (state == to) {
                return;
            }
            if (state != from) {
                throw refused(verb, "");
            }
            state = to;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private KmbException refused(String verb, String hint) {
        return new KmbException(ErrorCode.BAD_REQUEST, "replay " + id + " is " + state.wireName() + "; it cannot be "
                + verb + hint);
    }

    private ReplayProgress snapshot() {
        return tally.snapshot(id, state, failure);
    }
}
