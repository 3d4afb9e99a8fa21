package ai.kind.kmb.bench.inprocess;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time the whole JVM spent (publisher, subscribers, GC, everything) while a benchmark ran, as
 * a JMH secondary result. JMH reports it per second of wall time; divided by the primary score it
 * is CPU nanoseconds per operation, a cost that stays put when other processes take the cores
 * away, where throughput does not. Only for benchmarks run by one JMH thread: each thread adds the
 * whole process's time.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuTime {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Public because JMH reads aux counters from public fields; named as the result is named. */
    public long cpuNanos;

    /**
     * The benchmark thread's own share. When it comes close to the wall time, the publisher is the
     * bottleneck, whatever the subscribers could take.
     */
    public long callerCpuNanos;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        callerCpuNanos = 0;
    }

    /** CPU time of every thread of this JVM so far, in nanoseconds. */
    public static long process() {
        return OS.getProcessCpuTime();
    }

    static long thread() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
