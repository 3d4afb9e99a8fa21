package ai.kind.kmb.broker;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's housekeeping on one daemon thread: retention and the dedup window's eviction. */
final class BrokerTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerTimer.class);
    private static final Duration DEDUP_EVICTION = Duration.ofSeconds(10);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().daemon().name("kmb-broker-timer").unstarted(runnable));

    BrokerTimer(MessageStore store, DedupWindow dedup, BrokerOptions options, Clock clock) {
        schedule(dedup::evict, DEDUP_EVICTION);
        RetentionPolicy retention = options.retention();
        boolean limited = (retention.maxAge() != null && retention.maxAge().isPositive()) || retention.maxBytes() > 0;
        if (limited) {
            schedule(() -> {
                long removed = store.enforceRetention(retention, clock.instant());
                if (removed > 0) {
                    LOG.info("retention removed {} messages", removed);
                }
            }, options.retentionInterval());
        }
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
