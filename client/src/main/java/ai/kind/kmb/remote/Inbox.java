package ai.kind.kmb.remote;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A subscription's bounded queue of deliveries, with room for the socket to park what does not fit.
 * A parked item holds its socket's reading back (see {@link ReadWindow}); the worker moves it into
 * the queue as soon as it takes an item out, and only then lets the socket read on. A connection
 * parks at most a read window of items, since a socket that parked one is asked for nothing more.
 */
final class Inbox<T> {
    private record Parked<T>(T item, Runnable resume) {
    }

    private final BlockingQueue<T> queue;
    private final Deque<Parked<T>> parked = new ArrayDeque<>();

    Inbox(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** True if the item is queued; false if it is parked, and {@code resume} runs once it is queued. */
    synchronized boolean offer(T item, Runnable resume) {
        // Parked items go first, or order would break when a second connection delivers meanwhile.
        if (parked.isEmpty() && queue.offer(item)) {
            return true;
        }
        parked.addLast(new Parked<>(item, resume));
        return false;
    }

    T take() throws InterruptedException {
        T item = queue.take();
        List<Runnable> resumes = unpark();
        resumes.forEach(Runnable::run);
        return item;
    }

    private synchronized List<Runnable> unpark() {
        if (parked.isEmpty()) {
            return List.of();
        }
        List<Runnable> resumes = new java.util.ArrayList<>();
        while (!parked.isEmpty() && queue.offer(parked.peekFirst().item())) {
            resumes.add(parked.pollFirst().resume());
        }
        return resumes;
    }

    /** Drops what is waiting; parked sockets are let go so that they do not stay stalled. */
    void clear() {
        List<Runnable> resumes;
        synchronized (this) {
            queue.clear();
            resumes = parked.stream().map(Parked::resume).toList();
            parked.clear();
        }
        resumes.forEach(Runnable::run);
    }
}
