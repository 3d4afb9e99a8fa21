package ai.kind.kmb.request;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.trace.TraceContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * One client's reply inbox: an ephemeral subscription to its own {@code _inbox.<random>} topic,
 * opened with the first command or query, and the requests waiting there by correlation id.
 */
public final class ReplyInbox implements AutoCloseable {
    private final Bus bus;
    private final BiFunction<Envelope, PublishOptions, CompletableFuture<PublishAck>> publisher;
    private final String topic = "_inbox." + TraceContext.newTraceId();
    private final Map<String, Predicate<Envelope>> waiting = new ConcurrentHashMap<>();
    private Subscription subscription;

    /** {@code publisher} sends requests, so they pass the client's transformers and hooks. */
    public ReplyInbox(Bus bus, BiFunction<Envelope, PublishOptions, CompletableFuture<PublishAck>> publisher) {
        this.bus = bus;
        this.publisher = publisher;
    }

    public String topic() {
        return topic;
    }

    /** Publishes a command (its id, reply_to and correlation_id filled here) and follows it. */
    public CommandHandle command(Envelope command, CommandOptions options) {
        Envelope asked = addressed(command);
        CommandHandle handle = new CommandHandle(asked.id(), asked.topic());
        waiting.put(asked.id(), reply -> {
            try {
                return handle.receive(new CommandReply(CommandStatus.fromWireName(reply.metadata().status()),
                        reply.payload(), reply));
            } catch (KmbException e) {
                handle.fail(e);
                return true;
            }
        });
        handle.completion().whenComplete((reply, error) -> waiting.remove(asked.id()));
        after(options.ackTimeout(), () -> handle.failUnacked(timeout("command " + asked.id() + " on '" + asked.topic()
                + "' got no ACK within " + options.ackTimeout().toMillis() + " ms")));
        handle.acked().thenRun(() -> after(options.completionTimeout(), () -> handle.fail(timeout("command "
                + asked.id() + " on '" + asked.topic() + "' was acknowledged but got no DONE or ERROR within "
                + options.completionTimeout().toMillis() + " ms"))));
        publish(asked, options.publish()).exceptionally(error -> {
            handle.fail(asKmb(error));
            return null;
        });
        return handle;
    }

    /** Publishes a query and completes with its one reply, or fails on time-out or no responders. */
    public CompletableFuture<QueryResult> query(Envelope query, Duration timeout, PublishOptions options) {
        return request(query, timeout, options).thenApply(reply -> new QueryResult(
                QueryStatus.fromWireName(reply.metadata().status()), reply.payload(), reply));
    }

    /**
     * Publishes a request of any type and completes with the first reply to it, or fails on time-out
     * or when the bus refuses the request ({@code no_responders}, say).
     */
    public CompletableFuture<Envelope> request(Envelope request, Duration timeout, PublishOptions options) {
        Envelope asked = addressed(request);
        CompletableFuture<Envelope> result = new CompletableFuture<>();
        waiting.put(asked.id(), result::complete);
        result.whenComplete((reply, error) -> waiting.remove(asked.id()));
        after(timeout, () -> result.completeExceptionally(timeout(asked.type().wireName() + " " + asked.id()
                + " on '" + asked.topic() + "' got no reply within " + timeout.toMillis() + " ms")));
        publish(asked, options).exceptionally(error -> {
            result.completeExceptionally(asKmb(error));
            return null;
        });
        return result;
    }

    private Envelope addressed(Envelope request) {
        open();
        Envelope identified = request.id() == null ? request.withId(UUID.randomUUID().toString()) : request;
        return identified.withMetadata(identified.metadata().withCorrelation(identified.id(), topic));
    }

    private CompletableFuture<PublishAck> publish(Envelope request, PublishOptions options) {
        try {
            return publisher.apply(request, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized void open() {
        if (subscription == null) {
            subscription = bus.subscribe(SubscribeOptions.ephemeral(topic), delivery -> {
                Envelope reply = delivery.message();
                String correlation = reply.metadata().correlationId();
                Predicate<Envelope> request = correlation == null ? null : waiting.get(correlation);
                if (request != null && request.test(reply)) {
                    waiting.remove(correlation);
                }
            });
        }
    }

    private static void after(Duration delay, Runnable action) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(action);
    }

    private static KmbException timeout(String message) {
        return new KmbException(ErrorCode.TIMEOUT, message);
    }

    private static KmbException asKmb(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof KmbException kmb ? kmb
                : new KmbException(ErrorCode.INTERNAL, "publishing the request failed: " + cause, java.util.List.of(),
                cause);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        waiting.clear();
    }
}
