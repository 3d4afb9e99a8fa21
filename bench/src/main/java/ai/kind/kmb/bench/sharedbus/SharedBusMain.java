package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Outcome;
import ai.kind.kmb.bench.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The shared-bus suite: KMB's broker on its Redis and PostgreSQL stores beside raw Redis XADD and
 * NATS JetStream, with the embedded SQLite store for reference; durable publish throughput at
 * several publisher counts, then publish to a durable subscriber (throughput and latency), all in
 * one run with the same payloads, printed as Markdown with each KMB figure's ratio to the peers.
 * A target whose server is down gets a line saying so.
 *
 * <p>Arguments name the targets (default all); {@link SharedBusSettings} the rest.
 */
public final class SharedBusMain {
    /** The peers every KMB figure is divided by. */
    private static final List<String> PEERS = List.of("redis-xadd", "jetstream");

    /** One target's figures: acked msg/s by publisher count, end-to-end throughput and latency (ns). */
    record Figures(Map<Integer, Double> publish, EndToEnd.Throughput endToEnd, Histogram latency) {
    }

    private SharedBusMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> names = args.length > 0 ? List.of(args) : DurableTarget.NAMES;
        SharedBusSettings settings = SharedBusSettings.fromSystemProperties();
        String runId = Service.runId();
        Map<String, Outcome<Figures>> results = new LinkedHashMap<>();
        for (String name : names) {
            System.err.println("shared bus: " + name);
            results.put(name, DurableTarget.problem(name).<Outcome<Figures>>map(Outcome.Missing::new)
                    .orElseGet(() -> measure(name, runId, settings)));
        }
        System.out.print(new SharedBusTables(settings, PEERS, results).render());
    }

    private static Outcome<Figures> measure(String name, String runId, SharedBusSettings settings) {
        try (DurableTarget target = DurableTarget.open(name, runId)) {
            Map<Integer, Double> publish = new LinkedHashMap<>();
            for (int publishers : settings.publishers()) {
                publish.put(publishers, new PublishLoad(target, publishers).run(settings.warmup(), settings.length())
                        .perSecond());
            }
            EndToEnd endToEnd = new EndToEnd(settings);
            return new Outcome.Measured<>(new Figures(publish, endToEnd.throughput(target), endToEnd.latency(target)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Missing<>("interrupted");
        } catch (Exception e) {
            return new Outcome.Missing<>("failed: " + e.getMessage());
        }
    }
}
