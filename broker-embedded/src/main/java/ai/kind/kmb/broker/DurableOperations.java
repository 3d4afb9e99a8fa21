package ai.kind.kmb.broker;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.delivery.ConsumerActivity;
import ai.kind.kmb.broker.delivery.DurableConsumer;
import ai.kind.kmb.broker.delivery.DurableConsumers;
import ai.kind.kmb.broker.delivery.NodeSharing;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.GroupStatus;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.NodeActivity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What an operator does with durable consumers: list them with their progress, look at one,
 * delete one. The store says which durables exist and where they are; the running consumers say
 * what this node does for them now: its members, its settings and when it last delivered and had
 * an ack. On a shared bus the durable's group in the shared store gives the position and the
 * unsettled claims of every node.
 */
public final class DurableOperations implements DurableAdmin {
    private final MessageStore store;
    private final DurableConsumers consumers;
    private final NodeSharing sharing;
    private final Predicate<String> deleter;

    /** {@code sharing} is null for a broker alone on its store; {@code deleter} deletes a durable by name. */
    DurableOperations(MessageStore store, DurableConsumers consumers, NodeSharing sharing,
                      Predicate<String> deleter) {
        this.store = store;
        this.consumers = consumers;
        this.sharing = sharing;
        this.deleter = deleter;
    }

    /** By name; a consumer started here and not saved yet is listed too. */
    @Override
    public List<DurableInfo> list() {
        Map<String, ConsumerState> saved = new HashMap<>();
        store.consumers().forEach(state -> saved.put(state.name(), state));
        TreeSet<String> names = new TreeSet<>(saved.keySet());
        names.addAll(consumers.running());
        List<DurableInfo> durables = new ArrayList<>();
        for (String name : names) {
            describe(name, saved.get(name)).ifPresent(durables::add);
        }
        return durables;
    }

    @Override
    public DurableInfo get(String name) {
        return describe(name, store.loadConsumer(name).orElse(null)).orElseThrow(() -> new KmbException(
                ErrorCode.NOT_FOUND, "no durable named '" + name + "'"));
    }

    @Override
    public boolean delete(String name) {
        return deleter.test(name);
    }

    /** Empty when neither the store nor this node has it (it was deleted while being listed). */
    private Optional<DurableInfo> describe(String name, ConsumerState saved) {
        DurableConsumer running = consumers.get(name).orElse(null);
        if (saved == null && running == null) {
            return Optional.empty();
        }
        // The saved state is the bus-wide record; a consumer not saved yet has only its subscribe.
        String filter = saved != null ? saved.filter() : running.options().filter();
        String group = saved != null ? saved.group() : running.options().group();
        ConsumerActivity live = running == null ? null : running.activity();
        DurableProgress progress = progress(name, saved, live);
        long lag = Math.max(0, store.lastOffset() - progress.position());
        return Optional.of(new DurableInfo(name, filter, group, progress, lag, here(running, live)));
    }

    private NodeActivity here(DurableConsumer running, ConsumerActivity live) {
        String node = sharing == null ? null : sharing.node();
        if (live == null) {
            return NodeActivity.idle(node);
        }
        SubscribeOptions options = running.options();
        DurableSettings settings = new DurableSettings(options.ackWait(), options.maxDeliver(), options.backoff(),
                options.maxInflight());
        return new NodeActivity(node, live.members(), live.inFlight(), live.waiting(), settings, live.lastDelivered(),
                live.lastAcked());
    }

    private DurableProgress progress(String name, ConsumerState saved, ConsumerActivity live) {
        if (sharing != null) {
            // Without a group (lost by the server, or not joined yet) the recorded start is all there is.
            GroupStatus status = sharing.groups().status(name).orElseGet(() -> new GroupStatus(saved == null ? 0
                    : saved.cursor(), Map.of()));
            return new DurableProgress.SharedGroup(status.position(), status.claimedByNode());
        }
        if (live != null && live.cursor().isPresent()) {
            return new DurableProgress.OneNode(live.cursor().getAsLong(), live.ackFloor().orElseThrow(),
                    live.unsettled());
        }
        return new DurableProgress.OneNode(saved.cursor(), saved.ackFloor(), saved.pending().size());
    }
}
