package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Outcome;
import ai.kind.kmb.bench.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The shared-bus suite: KMB's broker on its Redis and PostgreSQL stores beside raw Redis XADD and
 * NATS JetStream, with the embedded SQLite store for reference; durable publish throughput at
 * several publisher counts, then publish to a durable subscriber (throughput and latency), all in
 * one run with the same payloads, printed as Markdown with each KMB figure's ratio to the peers.
 * Every target stays open for the publish rounds and the targets take turns within each round, so
 * a busy minute on a shared machine hits them all rather than one. A target whose server is down
 * gets a line saying so.
 *
 * <p>Arguments name the targets (default all); {@link SharedBusSettings} the rest.
 */
public final class SharedBusMain {
    /** The peers every KMB figure is divided by. */
    private static final List<String> PEERS = List.of("redis-xadd", "jetstream");

    /**
     * One target's figures: acked msg/s by publisher count (one per round), end-to-end throughput,
     * and end-to-end latency in nanoseconds.
     */
    record Figures(Map<Integer, List<Double>> publish, EndToEnd.Throughput endToEnd, Histogram latency) {
    }

    private SharedBusMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> names = args.length > 0 ? List.of(args) : DurableTarget.NAMES;
        SharedBusSettings settings = SharedBusSettings.fromSystemProperties();
        String runId = Service.runId();
        Map<String, Outcome<Figures>> results = new LinkedHashMap<>();
        Map<String, DurableTarget> targets = new LinkedHashMap<>();
        Map<String, Map<Integer, List<Double>>> publish = new LinkedHashMap<>();
        try {
            for (String name : names) {
                results.put(name, DurableTarget.problem(name).<Outcome<Figures>>map(Outcome.Missing::new).orElse(null));
                if (results.get(name) == null) {
                    open(name, runId, targets, results);
                    publish.put(name, new LinkedHashMap<>());
                }
            }
            for (int publishers : settings.publishers()) {
                for (int round = 0; round < settings.rounds(); round++) {
                    for (String name : List.copyOf(targets.keySet())) {
                        System.err.printf("shared bus: %s, %d publisher(s), round %d%n", name, publishers, round + 1);
                        try {
                            double rate = new PublishLoad(targets.get(name), publishers)
                                    .run(settings.warmup(), settings.length()).perSecond();
                            publish.get(name).computeIfAbsent(publishers, k -> new ArrayList<>()).add(rate);
                        } catch (RuntimeException e) {
                            results.put(name, new Outcome.Missing<>("publish failed: " + e.getMessage()));
                            close(targets.remove(name));
                        }
                    }
                }
            }
            for (String name : List.copyOf(targets.keySet())) {
                System.err.printf("shared bus: %s, end to end%n", name);
                results.put(name, endToEnd(targets.get(name), publish.get(name), settings));
            }
        } finally {
            targets.values().forEach(SharedBusMain::close);
        }
        System.out.print(new SharedBusTables(settings, PEERS, results).render());
    }

    private static void open(String name, String runId, Map<String, DurableTarget> targets,
                             Map<String, Outcome<Figures>> results) {
        try {
            targets.put(name, DurableTarget.open(name, runId));
        } catch (RuntimeException e) {
            results.put(name, new Outcome.Missing<>("could not open: " + e.getMessage()));
        }
    }

    private static Outcome<Figures> endToEnd(DurableTarget target, Map<Integer, List<Double>> publish,
                                             SharedBusSettings settings) throws InterruptedException {
        EndToEnd endToEnd = new EndToEnd(settings);
        try {
            return new Outcome.Measured<>(new Figures(publish, endToEnd.throughput(target), endToEnd.latency(target)));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Outcome.Missing<>("end to end failed: " + e.getMessage());
        }
    }

    /** Closes a target and removes what it made on the shared servers; a failure there is reported, not fatal. */
    private static void close(DurableTarget target) {
        try {
            target.close();
        } catch (RuntimeException e) {
            System.err.println("shared bus: cleaning up failed: " + e.getMessage());
        }
    }
}
