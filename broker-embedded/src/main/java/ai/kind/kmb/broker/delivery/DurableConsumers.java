package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker's durable consumers by name: created on first subscribe at their start position,
 * resumed from the store after a restart, and deleted on request. On a shared bus every node
 * serves a durable through its group in the shared store, so members on several nodes share its
 * messages; the consumer's saved state then only records its filter.
 */
public final class DurableConsumers {
    private final MessageStore store;
    private final DeadLetterer deadLetterer;
    private final Clock clock;
    private final Consumer<DurableConsumer> onStart;
    private final NodeSharing sharing;
    private final Map<String, DurableConsumer> consumers = new ConcurrentHashMap<>();

    /**
     * {@code onStart} sees each consumer once as it starts, to route new messages to it. With a
     * {@code sharing} (on a bus whose nodes share the store), a consumer whose last local member
     * leaves is stopped, hands back what it held, and is forgotten here; the sharing's
     * {@code onRelease} sees it first. Without one (null), a consumer stays until deleted or closed.
     */
    public DurableConsumers(MessageStore store, DeadLetterer deadLetterer, Clock clock,
                            Consumer<DurableConsumer> onStart, NodeSharing sharing) {
        this.store = store;
        this.deadLetterer = deadLetterer;
        this.clock = clock;
        this.onStart = onStart;
        this.sharing = sharing;
    }

    /**
     * The running consumer of this name, resumed from its saved state or created. Its delivery
     * settings (ack wait, backoff, max deliver, max in flight) are those of the subscribe that
     * started it in this process.
     */
    public DurableConsumer open(SubscribeOptions options) {
        DurableConsumer consumer = consumers.computeIfAbsent(options.durableName(), name -> {
            DurableConsumer created = sharing != null ? joinGroup(options) : store.loadConsumer(name)
                    .map(saved -> resume(saved, options))
                    .orElseGet(() -> new DurableConsumer(name, options,
                            new OwnCursor(store, name, startCursor(options.from())), deadLetterer, clock));
            if (sharing != null) {
                created.whenIdle(this::release);
                created.whenMembersChange(sharing.membersChanged());
            }
            created.start();
            onStart.accept(created);
            return created;
        });
        requireSameFilter(options.durableName(), consumer.options().filter(), options.filter());
        return consumer;
    }

    /** The unsubscribe that emptied it returns once the final position is saved. */
    private void release(DurableConsumer idle) {
        if (!consumers.remove(idle.name(), idle)) {
            return;
        }
        sharing.onRelease().accept(idle);
        if (idle.isLoopThread()) {
            Thread.ofVirtual().name("kmb-durable-release-" + idle.name()).start(idle::close);
        } else {
            idle.close();
        }
    }

    public Optional<DurableConsumer> get(String name) {
        return Optional.ofNullable(consumers.get(name));
    }

    /** The names of the consumers running in this broker now; the store may know more. */
    public Set<String> running() {
        return Set.copyOf(consumers.keySet());
    }

    /** Stops and forgets a durable; its unsettled messages are not redelivered to anyone. */
    public boolean delete(String name) {
        DurableConsumer running = consumers.remove(name);
        if (running != null) {
            running.close();
        }
        return store.deleteConsumer(name) || running != null;
    }

    public void closeAll() {
        new ArrayList<>(consumers.values()).forEach(DurableConsumer::close);
        consumers.clear();
    }

    /**
     * The first node to serve a durable records its filter (so the others can check theirs) and
     * creates the group at its start position; the rest join where the group is.
     */
    private DurableConsumer joinGroup(SubscribeOptions options) {
        String name = options.durableName();
        ConsumerState recorded = store.loadConsumer(name).orElse(null);
        long start;
        if (recorded != null) {
            requireSameFilter(name, recorded.filter(), options.filter());
            start = recorded.cursor();
        } else {
            start = startCursor(options.from());
            try {
                store.saveConsumer(new ConsumerState(name, options.filter(), options.group(), start, start, List.of()))
                        .join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof KmbException failure ? failure : e;
            }
        }
        DurableSource claims = new SharedClaims(name, sharing.groups().join(name, sharing.node(), start),
                sharing.lease(), clock);
        return new DurableConsumer(name, options, claims, deadLetterer, clock);
    }

    /** Tells every consumer here what a retention pass removed from the log; returns how many waiting messages they forgot. */
    public int forgetRemoved(RetentionPolicy.Removed removed) {
        return List.copyOf(consumers.values()).stream().mapToInt(consumer -> consumer.forgetRemoved(removed)).sum();
    }

    private DurableConsumer resume(ConsumerState saved, SubscribeOptions requested) {
        requireSameFilter(saved.name(), saved.filter(), requested.filter());
        DurableConsumer consumer = new DurableConsumer(saved.name(), requested,
                new OwnCursor(store, saved.name(), saved.cursor()), deadLetterer, clock);
        for (PendingDelivery delivery : saved.pending()) {
            List<StoredMessage> found = store.readAfter(delivery.offset() - 1, 1);
            boolean stillThere = !found.isEmpty() && found.getFirst().offset() == delivery.offset();
            if (stillThere) {
                consumer.restore(found.getFirst(), delivery.deliveries(), delivery.firstDelivered(),
                        delivery.lastError());
            }
        }
        return consumer;
    }

    private static void requireSameFilter(String name, String existing, String requested) {
        if (!existing.equals(requested)) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "durable '" + name + "' exists with filter '" + existing
                    + "', not '" + requested + "'; subscribe with the same filter or delete the durable first");
        }
    }

    /** The cursor is the last offset already handed out; a start at offset N means cursor N - 1. */
    private long startCursor(StartPosition from) {
        return switch (from) {
            case StartPosition.New n -> store.lastOffset();
            case StartPosition.Earliest e -> store.firstOffset().orElse(store.lastOffset() + 1) - 1;
            case StartPosition.AtOffset at -> Math.max(0, at.offset() - 1);
            case StartPosition.AtTime at -> store.firstOffsetAtOrAfter(at.time()).orElse(store.lastOffset() + 1) - 1;
        };
    }
}
