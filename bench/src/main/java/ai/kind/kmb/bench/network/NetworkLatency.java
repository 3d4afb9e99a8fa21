package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.LatencyRecorder;
import ai.kind.kmb.bench.Outcome;
import ai.kind.kmb.bench.Workload;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-handler latency at a fixed rate, well below what every peer can carry: each peer on
 * fresh connections and a fresh subject of its own, one after the other, into HdrHistogram.
 */
final class NetworkLatency {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final NetworkSettings settings;
    private final Peers peers;
    private final String runId;

    NetworkLatency(NetworkSettings settings, Peers peers, String runId) {
        this.settings = settings;
        this.peers = peers;
        this.runId = runId;
    }

    /** Every subscriber's latencies (ns) merged, or why the peer has none. */
    Outcome<Histogram> measure(String name, int subscribers) throws InterruptedException {
        var problem = PubSub.problem(name);
        if (problem.isPresent()) {
            return new Outcome.Missing<>(problem.get());
        }
        int warmup = settings.rate() * (int) settings.latencyWarmup().toSeconds();
        int total = warmup + settings.rate() * (int) settings.latencyLength().toSeconds();
        LatencyRecorder recorder = new LatencyRecorder(subscribers, total, warmup);
        ObjectNode payload = Workload.payload();
        try (PubSub pubSub = peers.connect(name, runId + "-l" + subscribers, subscribers,
                (subscriber, message) -> recorder.received(subscriber))) {
            recorder.publishAtRate(settings.rate(), k -> pubSub.publish(payload));
            if (!recorder.await(PATIENCE)) {
                return new Outcome.Missing<>("not every message arrived in " + PATIENCE.toSeconds()
                        + " s (messages lost?): received " + recorder.received() + NetworkThroughput.failures(pubSub));
            }
        } catch (RuntimeException e) {
            return new Outcome.Missing<>("failed: " + e.getMessage());
        }
        return new Outcome.Measured<>(recorder.merged());
    }
}
