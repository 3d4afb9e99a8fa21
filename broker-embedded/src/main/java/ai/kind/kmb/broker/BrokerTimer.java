package ai.kind.kmb.broker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's housekeeping on one daemon thread: retention and the dedup window's eviction. */
final class BrokerTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerTimer.class);
    private static final Duration DEDUP_EVICTION = Duration.ofSeconds(10);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().daemon().name("kmb-broker-timer").unstarted(runnable));

    /**
     * {@code retention} runs one pass and says how many messages went. It is scheduled even when
     * nothing limits the log yet: a registry attached later, or reloaded, can give topics a
     * retention of their own, and a pass with nothing to do returns without asking the store.
     */
    BrokerTimer(LongSupplier retention, DedupWindow dedup, Duration retentionInterval) {
        schedule(dedup::evict, DEDUP_EVICTION);
        schedule(() -> {
            long removed = retention.getAsLong();
            if (removed > 0) {
                LOG.info("retention removed {} messages", removed);
            }
        }, retentionInterval);
    }

    private void schedule(Runnable task, Duration every) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("housekeeping task failed; it will run again", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
