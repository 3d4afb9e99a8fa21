package ai.kind.kmb.bench.durable;

import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.bench.Workload;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Durable publish: each JMH thread is a publisher that waits for its acknowledgement (the message
 * is on disk) before it publishes again, so the thread count is the number of publishes in flight.
 * Run it with {@code -t 1}, {@code -t 16}, {@code -t 64}: group commit should turn more concurrent
 * publishers into more messages per fsync, where the naive log only queues them up.
 *
 * <p>{@code kmb-memory} runs the same broker path on the in-memory store: the ceiling without a disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurablePublishBenchmark {

    @Param({"kmb-sqlite", "naive-sqlite", "kmb-memory"})
    public String impl;

    private Path dir;
    private Broker broker;
    private NaiveSqliteLog naive;
    private SqliteStore sqlite;
    // Counted apart from JMH's own count, so the footprint can be put per message.
    private final LongAdder published = new LongAdder();
    private final Footprint footprint = new Footprint();

    @Setup
    public void start() throws SQLException {
        dir = BenchDirs.create("kmb-durable-");
        switch (impl) {
            case "kmb-sqlite" -> {
                sqlite = SqliteStore.open(dir);
                broker = Broker.start(sqlite, BrokerOptions.defaults());
            }
            case "kmb-memory" -> broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
            case "naive-sqlite" -> naive = new NaiveSqliteLog(dir.resolve("naive.db"));
            default -> throw new IllegalArgumentException("no durable target called '" + impl + "'");
        }
    }

    @Setup(Level.Iteration)
    public void iterationStart(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            footprint.start(published.sum());
        }
    }

    @TearDown(Level.Iteration)
    public void iterationEnd(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            footprint.stop(published.sum());
        }
    }

    @TearDown
    public void stop(BenchmarkParams benchmark) throws SQLException {
        System.out.printf(Locale.ROOT, "%ndurable footprint: %s, %d publishers: %s%n", impl, benchmark.getThreads(),
                footprint.describe());
        if (sqlite != null) {
            // The evidence for group commit: how many messages shared each fsync. Warm-up included.
            SqliteStore.WriterStats stats = sqlite.writerStats();
            System.out.printf(Locale.ROOT, "%nkmb-sqlite group commit: %d writes in %d commits, %.1f writes per commit%n",
                    stats.writes(), stats.commits(), (double) stats.writes() / Math.max(1, stats.commits()));
        }
        if (broker != null) {
            broker.close();
        }
        if (naive != null) {
            naive.close();
        }
        BenchDirs.delete(dir);
    }

    /** One acknowledged durable message; returns its offset so nothing is optimized away. */
    @Benchmark
    public long publish() throws SQLException {
        long offset = naive != null ? naive.append(Workload.event())
                : broker.publish(Workload.event(), PublishOptions.DURABLE).join().offset();
        published.increment();
        return offset;
    }
}
