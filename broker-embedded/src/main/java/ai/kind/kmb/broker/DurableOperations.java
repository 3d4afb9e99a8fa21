package ai.kind.kmb.broker;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.cluster.DurableReports;
import ai.kind.kmb.broker.cluster.DurablesReport;
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
import ai.kind.kmb.durable.NodeReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What an operator does with durable consumers: list them with their progress, look at one,
 * delete one. The store says which durables exist and where they are; the running consumers say
 * what this node does for them now: its members, its settings and when it last delivered and had
 * an ack. On a shared bus the durable's group in the shared store gives the position and the
 * unsettled claims of every node, and the other nodes' reports (read from the shared server as the
 * question is asked) what each of them does for it.
 */
public final class DurableOperations implements DurableAdmin {
    /** Members listed per node in a durable's {@code nodes} and in a node's report; the rest are counted. */
    public static final int LISTED_MEMBERS = 20;
    private static final Duration REPORTS_WAIT = Duration.ofSeconds(5);

    private final MessageStore store;
    private final DurableConsumers consumers;
    private final NodeSharing sharing;
    private final DurableReports reports;
    private final Clock clock;
    private final Predicate<String> deleter;

    /**
     * {@code sharing} is null for a broker alone on its store, whose {@code reports} are
     * {@link DurableReports#ALONE}; {@code deleter} deletes a durable by name.
     */
    DurableOperations(MessageStore store, DurableConsumers consumers, NodeSharing sharing, DurableReports reports,
                      Clock clock, Predicate<String> deleter) {
        this.store = store;
        this.consumers = consumers;
        this.sharing = sharing;
        this.reports = reports;
        this.clock = clock;
        this.deleter = deleter;
    }

    /** By name; a consumer started here and not saved yet is listed too. */
    @Override
    public List<DurableInfo> list() {
        Map<String, ConsumerState> saved = new HashMap<>();
        store.consumers().forEach(state -> saved.put(state.name(), state));
        TreeSet<String> names = new TreeSet<>(saved.keySet());
        names.addAll(consumers.running());
        List<DurablesReport> others = otherNodes();
        List<DurableInfo> durables = new ArrayList<>();
        for (String name : names) {
            describe(name, saved.get(name), others).ifPresent(durables::add);
        }
        return durables;
    }

    @Override
    public DurableInfo get(String name) {
        return describe(name, store.loadConsumer(name).orElse(null), otherNodes()).orElseThrow(() ->
                new KmbException(ErrorCode.NOT_FOUND, "no durable named '" + name + "'"));
    }

    @Override
    public boolean delete(String name) {
        return deleter.test(name);
    }

    /** What this node does now for each durable it serves, members listed up to {@link #LISTED_MEMBERS}. */
    public DurablesReport report() {
        Map<String, NodeActivity> served = new TreeMap<>();
        for (String name : consumers.running()) {
            consumers.get(name).ifPresent(running -> served.put(name,
                    here(running, running.activity()).listingAtMost(LISTED_MEMBERS)));
        }
        return new DurablesReport(node(), clock.instant(), served);
    }

    /** Empty when neither the store nor this node has it (it was deleted while being listed). */
    private Optional<DurableInfo> describe(String name, ConsumerState saved, List<DurablesReport> others) {
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
        NodeActivity here = here(running, live);
        return Optional.of(new DurableInfo(name, filter, group, progress, lag, here,
                nodes(name, running == null ? null : here, others)));
    }

    /** This node first when it serves the durable, then every other live node that reports serving it, by id. */
    private List<NodeReport> nodes(String name, NodeActivity servedHere, List<DurablesReport> others) {
        List<NodeReport> nodes = new ArrayList<>();
        if (servedHere != null) {
            nodes.add(new NodeReport(servedHere.listingAtMost(LISTED_MEMBERS), clock.instant()));
        }
        others.stream().filter(report -> report.durables().containsKey(name))
                .sorted(Comparator.comparing(DurablesReport::node))
                .forEach(report -> nodes.add(new NodeReport(report.durables().get(name).listingAtMost(LISTED_MEMBERS),
                        report.reportedAt())));
        return nodes;
    }

    /** The live reports of every node but this one: what they do for their durables, as last reported. */
    private List<DurablesReport> otherNodes() {
        try {
            return reports.read().get(REPORTS_WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(report -> !report.node().equals(node())).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmbException(ErrorCode.UNAVAILABLE, "interrupted while reading the other nodes' durables");
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within "
                    + REPORTS_WAIT.toSeconds() + " s";
            throw new KmbException(ErrorCode.UNAVAILABLE, "the other nodes' durables could not be read from the "
                    + "shared server: " + why, List.of(), e);
        }
    }

    private String node() {
        return sharing == null ? null : sharing.node();
    }

    private NodeActivity here(DurableConsumer running, ConsumerActivity live) {
        if (live == null) {
            return NodeActivity.idle(node());
        }
        SubscribeOptions options = running.options();
        DurableSettings settings = new DurableSettings(options.ackWait(), options.maxDeliver(), options.backoff(),
                options.maxInflight());
        return new NodeActivity(node(), live.members(), live.inFlight(), live.waiting(), settings,
                live.lastDelivered(), live.lastAcked());
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
