package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.bench.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publish to delivery in one process: one publisher, four wildcard subscribers, 256-byte JSON
 * payloads. One operation is one message that has reached every subscriber, so the score is
 * messages delivered to all subscribers per second (each is delivered {@link #SUBSCRIBERS} times).
 *
 * <p>An invocation publishes a batch and waits until every subscriber has all of it: a publisher
 * that merely enqueues would otherwise be timed, not the delivery. The first {@code impl} is KMB;
 * the others are its peers in the ratio table. {@link CpuTime} adds the JVM's CPU time, which
 * other work on a shared machine disturbs far less than the wall-clock score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanOutBenchmark {
    static final int SUBSCRIBERS = 4;
    /** Large enough to hide the wait at the end of a batch, small enough to fit every buffer. */
    static final int BATCH = 10_000;

    @Param({"kmb", "queue", "queue-virtual", "vertx"})
    public String impl;

    private BatchCounter counter;
    private FanOut fanOut;

    @Setup
    public void start() {
        counter = new BatchCounter(SUBSCRIBERS, BATCH);
        // Every peer buffers a whole batch per subscriber, so none of them drops and none blocks.
        fanOut = FanOut.create(impl, SUBSCRIBERS, BATCH, counter);
    }

    @TearDown
    public void stop() {
        fanOut.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishToAll(CpuTime cpu) throws InterruptedException {
        long before = CpuTime.process();
        long callerBefore = CpuTime.thread();
        counter.expectBatch();
        for (int i = 0; i < BATCH; i++) {
            // A new message object per publish, as a real publisher makes one.
            fanOut.publish(Workload.event());
        }
        counter.awaitBatch(fanOut);
        cpu.callerCpuNanos += CpuTime.thread() - callerBefore;
        cpu.cpuNanos += CpuTime.process() - before;
    }
}
