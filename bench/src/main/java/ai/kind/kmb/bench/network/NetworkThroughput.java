package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.Outcome;
import ai.kind.kmb.bench.Workload;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivered throughput: the publisher sends a batch and waits until every subscriber counted all
 * of it, again and again for a fixed time; the figure is messages that reached every subscriber
 * per second. Every peer stays connected for the whole measurement and the peers take turns, round
 * after round, so a busy minute on a shared machine hits them all rather than one.
 */
final class NetworkThroughput {
    /** A bound on a lost message, not a timing check: a healthy batch takes well under a second. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private record Peer(PubSub pubSub, Batches batches) {
    }

    private final NetworkSettings settings;
    private final Peers peers;
    private final String runId;

    NetworkThroughput(NetworkSettings settings, Peers peers, String runId) {
        this.settings = settings;
        this.peers = peers;
        this.runId = runId;
    }

    /** Per peer, in the order given: messages per second reaching every subscriber, one figure per round. */
    Map<String, Outcome<List<Double>>> measure(List<String> names, int subscribers) throws InterruptedException {
        Map<String, Outcome<List<Double>>> outcomes = new LinkedHashMap<>();
        Map<String, Peer> open = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String name : names) {
            try {
                PubSub.problem(name).ifPresentOrElse(why -> outcomes.put(name, new Outcome.Missing<>(why)), () -> {
                    Batches batches = new Batches(subscribers);
                    open.put(name, new Peer(peers.connect(name, runId + "-t" + subscribers, subscribers, batches),
                            batches));
                    rates.put(name, new ArrayList<>());
                });
            } catch (RuntimeException e) {
                outcomes.put(name, new Outcome.Missing<>("could not connect: " + e.getMessage()));
            }
        }
        try {
            for (int round = -1; round < settings.rounds(); round++) {
                // Round -1 warms up each peer's path (JIT, buffers) and is not recorded.
                Duration length = round < 0 ? settings.warmup() : settings.roundLength();
                for (String name : List.copyOf(open.keySet())) {
                    try {
                        double rate = run(open.get(name), length);
                        if (round >= 0) {
                            rates.get(name).add(rate);
                        }
                    } catch (IllegalStateException e) {
                        outcomes.put(name, new Outcome.Missing<>(e.getMessage()));
                        open.remove(name).pubSub().close();
                    }
                }
            }
        } finally {
            open.values().forEach(peer -> peer.pubSub().close());
        }
        open.keySet().forEach(name -> outcomes.put(name, new Outcome.Measured<>(rates.get(name))));
        Map<String, Outcome<List<Double>>> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, outcomes.get(name)));
        return ordered;
    }

    static String failures(PubSub pubSub) {
        String failures = pubSub.failures();
        return failures.isEmpty() ? "" : "; " + failures;
    }

    /** Whole batches for at least {@code length}; messages reaching every subscriber per second. */
    private double run(Peer peer, Duration length) throws InterruptedException {
        ObjectNode payload = Workload.payload();
        long start = System.nanoTime();
        long messages = 0;
        do {
            peer.batches().expect(settings.batch());
            for (int i = 0; i < settings.batch(); i++) {
                peer.pubSub().publish(payload);
            }
            if (!peer.batches().await(PATIENCE)) {
                throw new IllegalStateException("a batch did not reach every subscriber in " + PATIENCE.toSeconds()
                        + " s (messages lost?): received " + peer.batches().received() + failures(peer.pubSub()));
            }
            messages += settings.batch();
        } while (System.nanoTime() - start < length.toNanos());
        return messages / ((System.nanoTime() - start) / 1e9);
    }
}
