package ai.kind.kmb.ui.testing;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import ai.kind.kmb.durable.DurableSettings;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.durable.NodeReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The durable consumers of an {@link InMemoryBus}, kept as a broker alone on its store reports
 * them: a durable subscription makes one (or joins it), each stored message moves the position of
 * those with a member on (deliveries are synchronous and settle at once), and one without members
 * falls behind. A test can also put any state, shared ones included, make every call fail as an
 * unreachable broker would, and refuse deletes as a broker does a token without {@code admin}.
 */
public final class InMemoryDurables implements DurableAdmin {
    private final Map<String, DurableInfo> durables = new TreeMap<>();
    private final Consumer<String> release;
    private final Supplier<Instant> now;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException failure;
    private volatile boolean admin = true;

    /**
     * @param release lets go of the subscriptions of the durable named, as a delete does
     * @param now     the bus's clock, for when this broker reads its own activity
     */
    InMemoryDurables(Consumer<String> release, Supplier<Instant> now) {
        this.release = release;
        this.now = now;
    }

    /** Sets a durable as the broker would report it, replacing one of the same name. */
    public synchronized void put(DurableInfo durable) {
        durables.put(durable.name(), durable);
    }

    /** Makes every later call fail with {@code error}; null answers again. */
    public void failWith(RuntimeException error) {
        this.failure = error;
    }

    /** False refuses deletes with {@code forbidden}, as a broker with auth does a caller without the admin permission. */
    public void admin(boolean allowed) {
        this.admin = allowed;
    }

    /** How many times the durables were listed. */
    public int reads() {
        return reads.get();
    }

    @Override
    public synchronized List<DurableInfo> list() {
        answerable();
        reads.incrementAndGet();
        return List.copyOf(durables.values());
    }

    @Override
    public synchronized DurableInfo get(String name) {
        answerable();
        DurableInfo durable = durables.get(name);
        if (durable == null) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no durable '" + name + "'");
        }
        return durable;
    }

    @Override
    public boolean delete(String name) {
        answerable();
        if (!admin) {
            throw new KmbException(ErrorCode.FORBIDDEN, "client 'studio' lacks the admin permission for 'durable "
                    + name + "'");
        }
        boolean existed;
        synchronized (this) {
            existed = durables.remove(name) != null;
        }
        release.accept(name);
        return existed;
    }

    /**
     * A member subscribes, in process, at {@code since}: the durable is made at the log's end (start
     * {@code new}) with that subscribe's settings, or joined.
     */
    synchronized void joined(SubscribeOptions options, long lastOffset, Instant since) {
        DurableInfo known = durables.get(options.durableName());
        if (known != null && !known.filter().equals(options.filter())) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "durable '" + known.name() + "' has filter '"
                    + known.filter() + "', not '" + options.filter() + "'");
        }
        DurableSettings settings = new DurableSettings(options.ackWait(), options.maxDeliver(), options.backoff(),
                options.maxInflight());
        DurableInfo durable = known != null ? known : alone(options.durableName(), options.filter(),
                options.group(), new DurableProgress.OneNode(lastOffset, lastOffset, 0), 0,
                new NodeActivity(null, List.of(), 0, 0, settings, null, null));
        List<DurableSubscriber> members = new ArrayList<>(durable.here().subscribers());
        members.add(new DurableSubscriber(null, null, null, options.ackMode(), 0, since));
        durables.put(durable.name(), withSubscribers(durable, members));
    }

    synchronized void left(String name) {
        durables.computeIfPresent(name, (key, durable) -> withSubscribers(durable, durable.here().subscribers()
                .stream().skip(1).toList()));
    }

    /** A message was stored at {@code offset}: those with a member took it (or skipped it), the others lag. */
    synchronized void stored(long offset) {
        durables.replaceAll((name, durable) -> switch (durable.progress()) {
            case DurableProgress.OneNode one when durable.here().members() > 0 -> alone(name,
                    durable.filter(), durable.group(), new DurableProgress.OneNode(offset, offset, one.unsettled()),
                    0, durable.here());
            case DurableProgress.OneNode one -> alone(name, durable.filter(), durable.group(), one,
                    offset - one.position(), durable.here());
            case DurableProgress.SharedGroup shared -> durable;
        });
    }

    private DurableInfo withSubscribers(DurableInfo durable, List<DurableSubscriber> members) {
        NodeActivity here = durable.here();
        return alone(durable.name(), durable.filter(), durable.group(), durable.progress(), durable.lag(),
                new NodeActivity(here.node(), members, here.inFlight(), here.waiting(), here.settings(),
                        here.lastDelivered(), here.lastAcked()));
    }

    /** As a broker alone on its store answers: itself the only node, when it serves the durable. */
    private DurableInfo alone(String name, String filter, String group, DurableProgress progress, long lag,
                              NodeActivity here) {
        List<NodeReport> nodes = here.settings() == null ? List.of() : List.of(new NodeReport(here, now.get()));
        return new DurableInfo(name, filter, group, progress, lag, here, nodes);
    }

    private void answerable() {
        RuntimeException error = failure;
        if (error != null) {
            throw error;
        }
    }
}
