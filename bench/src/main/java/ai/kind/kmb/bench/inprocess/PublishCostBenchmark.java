package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.bench.Workload;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.routing.TopicTrie;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one ephemeral publish costs the publisher's thread, piece by piece, so that the fan-out
 * figures can be explained rather than guessed at. Every piece is a step
 * {@link Broker#publish} takes on the way to the subscribers' queues.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PublishCostBenchmark {
    private final Instant now = Instant.now();
    private final Envelope unstamped = Workload.event();
    private final TopicTrie<String> trie = new TopicTrie<>();
    private Broker broker;

    @Setup
    public void start() {
        Workload.FILTERS.forEach(filter -> trie.add(TopicFilter.parse(filter), filter));
        broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    }

    @TearDown
    public void stop() {
        broker.close();
    }

    /** The publisher's own message object; every peer in the fan-out pays this too. */
    @Benchmark
    public Envelope newEvent() {
        return Workload.event();
    }

    /** The id the broker gives a message that has none: a type 4 UUID from SecureRandom. */
    @Benchmark
    public UUID randomUuid() {
        return UUID.randomUUID();
    }

    /** Stamping: the UUID, plus a second Envelope, whose constructor validates the topic again. */
    @Benchmark
    public Envelope stamp() {
        return unstamped.stamped(now);
    }

    /** Routing the benchmark topic through the four fan-out filters. */
    @Benchmark
    public Set<String> route() {
        return trie.match(Workload.TOPIC);
    }

    /** The whole publish with nobody subscribed: stamping, routing, the ack, no queue. */
    @Benchmark
    public CompletableFuture<PublishAck> publishNoSubscriber() {
        return broker.publish(unstamped, PublishOptions.EPHEMERAL);
    }
}
