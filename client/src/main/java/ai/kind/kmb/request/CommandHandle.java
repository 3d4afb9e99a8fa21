package ai.kind.kmb.request;

import ai.kind.kmb.KmbException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A command in flight, as its sender follows it. {@link #acked()} completes with the handler's first
 * status (normally ACK) and {@link #completion()} with its final one, DONE or ERROR; both fail with a
 * {@link KmbException} when the command could not be published ({@code no_responders}, say) or a
 * step timed out ({@code timeout}, naming the step). Listeners see every status in order.
 */
public final class CommandHandle {
    private final String id;
    private final String topic;
    private final CompletableFuture<CommandReply> acked = new CompletableFuture<>();
    private final CompletableFuture<CommandReply> completion = new CompletableFuture<>();
    private final List<CommandReply> statuses = new ArrayList<>();
    private final List<Consumer<CommandReply>> listeners = new ArrayList<>();

    CommandHandle(String id, String topic) {
        this.id = id;
        this.topic = topic;
    }

    /** The command's message id, which its replies carry as {@code correlation_id}. */
    public String id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public CompletableFuture<CommandReply> acked() {
        return acked;
    }

    public CompletableFuture<CommandReply> completion() {
        return completion;
    }

    /** The statuses received so far, in order. */
    public synchronized List<CommandReply> statuses() {
        return List.copyOf(statuses);
    }

    /** Tells {@code listener} every status, those already received first; it runs on the inbox's thread. */
    public CommandHandle onStatus(Consumer<CommandReply> listener) {
        List<CommandReply> seen;
        synchronized (this) {
            seen = List.copyOf(statuses);
            listeners.add(listener);
        }
        seen.forEach(listener);
        return this;
    }

    /** Takes one status; true once the command is finished. Statuses after the final one are ignored. */
    boolean receive(CommandReply reply) {
        List<Consumer<CommandReply>> tell;
        synchronized (this) {
            if (completion.isDone()) {
                return true;
            }
            statuses.add(reply);
            tell = List.copyOf(listeners);
        }
        tell.forEach(listener -> listener.accept(reply));
        acked.complete(reply);
        if (reply.status().isFinal()) {
            completion.complete(reply);
        }
        return completion.isDone();
    }

    /** Fails the command only if no status came yet: the ACK step's time-out. */
    void failUnacked(KmbException failure) {
        if (acked.completeExceptionally(failure)) {
            completion.completeExceptionally(failure);
        }
    }

    void fail(KmbException failure) {
        acked.completeExceptionally(failure);
        completion.completeExceptionally(failure);
    }
}
