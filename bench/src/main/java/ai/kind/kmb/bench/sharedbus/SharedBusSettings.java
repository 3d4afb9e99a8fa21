package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.BenchProperties;
import java.time.Duration;
import java.util.List;

/**
 * How long and how hard the shared-bus suite runs. The defaults keep a whole run near two minutes
 * on two cores; system properties change them (bench/run.sh passes its environment through).
 *
 * @param publishers     publish: publisher counts, each awaiting its ack before the next publish
 *                       ({@code kmb.shared.publishers}, "1,16")
 * @param rounds         publish: rounds per publisher count; the targets take turns within each
 *                       ({@code kmb.shared.rounds}, 2)
 * @param warmup         publish: unrecorded time before each measurement ({@code kmb.shared.warmup}, 1 s)
 * @param length         publish (per round) and end-to-end throughput: measured time
 *                       ({@code kmb.shared.seconds}, 2 s)
 * @param e2ePublishers  end-to-end throughput: publishers while one durable subscriber consumes
 *                       ({@code kmb.shared.e2e.publishers}, 16)
 * @param rate           end-to-end latency: messages per second ({@code kmb.shared.rate}, 500)
 * @param latencyWarmup  end-to-end latency: unrecorded time first ({@code kmb.shared.latency.warmup}, 1 s)
 * @param latencyLength  end-to-end latency: recorded time ({@code kmb.shared.latency.seconds}, 4 s)
 */
record SharedBusSettings(List<Integer> publishers, int rounds, Duration warmup, Duration length, int e2ePublishers,
                         int rate, Duration latencyWarmup, Duration latencyLength) {

    static SharedBusSettings fromSystemProperties() {
        List<Integer> publishers = BenchProperties.integers("kmb.shared.publishers", "1,16");
        return new SharedBusSettings(publishers, Integer.getInteger("kmb.shared.rounds", 2),
                BenchProperties.seconds("kmb.shared.warmup", 1), BenchProperties.seconds("kmb.shared.seconds", 2),
                Integer.getInteger("kmb.shared.e2e.publishers", 16), Integer.getInteger("kmb.shared.rate", 500),
                BenchProperties.seconds("kmb.shared.latency.warmup", 1),
                BenchProperties.seconds("kmb.shared.latency.seconds", 4));
    }
}
