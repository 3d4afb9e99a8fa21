package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.BenchProperties;
import java.time.Duration;
import java.util.List;

/**
 * How long and how hard the network suite runs. The defaults keep a whole run near two minutes on
 * two cores; system properties change them (bench/run.sh passes its environment through).
 *
 * @param fanOuts       subscriber counts, each measured separately ({@code kmb.net.subscribers}, "1,10")
 * @param batch         messages per throughput batch ({@code kmb.net.batch}, 5000; at most KMB's
 *                      max_inflight cap of 10,000, so KMB never drops a batch)
 * @param warmup        unrecorded throughput time per peer before the rounds ({@code kmb.net.warmup}, 2 s)
 * @param rounds        throughput rounds; the peers take turns within each ({@code kmb.net.rounds}, 3)
 * @param roundLength   throughput time per peer per round ({@code kmb.net.round}, 2 s)
 * @param rate          latency: messages per second ({@code kmb.net.rate}, 200; below what KMB carried to 10
 *                      subscribers on the loaded development machine, so the figure is latency, not queueing)
 * @param latencyWarmup latency: unrecorded time first ({@code kmb.net.latency.warmup}, 1 s)
 * @param latencyLength latency: recorded time ({@code kmb.net.latency.seconds}, 4 s)
 */
record NetworkSettings(List<Integer> fanOuts, int batch, Duration warmup, int rounds, Duration roundLength, int rate,
                       Duration latencyWarmup, Duration latencyLength) {

    static NetworkSettings fromSystemProperties() {
        List<Integer> fanOuts = BenchProperties.integers("kmb.net.subscribers", "1,10");
        return new NetworkSettings(fanOuts, Integer.getInteger("kmb.net.batch", 5_000),
                BenchProperties.seconds("kmb.net.warmup", 2), Integer.getInteger("kmb.net.rounds", 3),
                BenchProperties.seconds("kmb.net.round", 2), Integer.getInteger("kmb.net.rate", 200),
                BenchProperties.seconds("kmb.net.latency.warmup", 1),
                BenchProperties.seconds("kmb.net.latency.seconds", 4));
    }
}
