package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.routing.TopicTrie;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Routing one topic among N subscriptions: {@link TopicTrie#match} against the obvious alternative,
 * testing every filter with {@link TopicFilter#matches}. Both return the set of matching subscribers.
 *
 * <p>The filters mimic a fleet of agents: literal topics, {@code *} in the middle, a {@code #} tail
 * and a {@code #} head, with subscribers spread over 50 fleets, so a topic matches a handful of
 * filters whatever N is. Topics rotate over 64 prepared names so no single path stays hot in cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutingBenchmark {
    private static final int TOPICS = 64;
    private static final String[] KINDS = {"telemetry", "status", "alerts"};

    @Param({"trie", "scan"})
    public String impl;

    @Param({"10", "1000", "10000"})
    public int filters;

    private final TopicTrie<Integer> trie = new TopicTrie<>();
    private final List<TopicFilter> all = new ArrayList<>();
    private final String[] topics = new String[TOPICS];
    private boolean useTrie;
    private int next;

    @Setup
    public void fill() {
        useTrie = impl.equals("trie");
        for (int i = 0; i < filters; i++) {
            TopicFilter filter = TopicFilter.parse(filter(i));
            all.add(filter);
            trie.add(filter, i);
        }
        // Seeded: every run and every impl routes the same topics.
        Random random = new Random(42);
        for (int t = 0; t < TOPICS; t++) {
            int agent = random.nextInt(filters);
            topics[t] = "fleet.f" + (agent % 50) + ".agent" + agent + "." + KINDS[random.nextInt(KINDS.length)];
        }
    }

    private static String filter(int i) {
        String fleet = "f" + (i % 50);
        return switch (i % 5) {
            case 0 -> "fleet." + fleet + ".agent" + i + ".telemetry";
            case 1 -> "fleet." + fleet + ".*.status";
            case 2 -> "fleet.*.agent" + i + ".#";
            case 3 -> "#.agent" + i + ".alerts";
            default -> "fleet." + fleet + ".agent" + i + ".*";
        };
    }

    @Benchmark
    public Set<Integer> match() {
        String topic = topics[next++ & (TOPICS - 1)];
        return useTrie ? trie.match(topic) : scan(topic);
    }

    private Set<Integer> scan(String topic) {
        Set<Integer> matched = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).matches(topic)) {
                matched.add(i);
            }
        }
        return matched;
    }
}
