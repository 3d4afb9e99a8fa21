package ai.kind.kmb.app.demo;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated agents for {@code --demo}: realistic traffic for every view, through the {@link Bus}
 * API alone, as a real agent would publish it. Heartbeats and lifecycle events; a planner whose
 * intents become commands (ACK, then DONE or ERROR) and queries (data or not_found) answered on
 * {@code _inbox.planner}, all on one trace per intent; error events; a two-phase payment
 * transaction; a poison document that a durable worker fails on until it is dead-lettered; two
 * auditors sharing a durable in a queue group, acknowledging a while after each delivery; and, on a
 * connection, a stateful agent that tallies intents and saves snapshots.
 * About 15 messages a second.
 */
public final class DemoAgents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoAgents.class);

    private final DemoBus bus;
    private final ScheduledExecutorService timer;
    private final RandomGenerator random;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<AutoCloseable> agents = new ArrayList<>();

    public DemoAgents(Bus bus, long seed) {
        this.bus = new DemoBus(bus);
        this.random = new SplittableRandom(seed);
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kmb-demo-agents");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Subscribes the responders first (a command with no subscriber is refused), then starts publishing. */
    public DemoAgents start() {
        Responders responders = new Responders(bus, timer, random);
        Planner planner = new Planner(bus, random);
        IngestWorker ingest = new IngestWorker(bus, random);
        Background background = new Background(bus, random);
        Transactions transactions = new Transactions(bus, random);
        subscriptions.addAll(responders.start());
        subscriptions.add(planner.start());
        subscriptions.add(ingest.start());
        subscriptions.addAll(new AuditTrail(bus, timer).start());

        background.announceStart();
        every(0, 1_000, background::heartbeats);
        every(200, 1_500, planner::nextIntent);
        every(700, 6_000, transactions::run);
        every(1_500, 4_000, () -> ingest.submit(false));
        every(3_000, 45_000, () -> ingest.submit(true));
        every(20_000, 20_000, background::restartOne);
        every(2_500, 10_000, background::embedding);
        // Only a connection keeps snapshots: a plain Bus has no stateful agent to show.
        if (bus.bus() instanceof BusConnection connection) {
            IntentTally tally = new IntentTally(connection).start();
            agents.add(tally);
            every(1_000, 5_000, tally::save);
        }
        return this;
    }

    public long published() {
        return bus.published();
    }

    public long refused() {
        return bus.refused();
    }

    private void every(long delayMillis, long periodMillis, Runnable action) {
        timer.scheduleAtFixedRate(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                // One failing agent must not stop the schedule of the others.
                LOG.warn("demo agent step failed", e);
            }
        }, delayMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        agents.forEach(agent -> {
            try {
                agent.close();
            } catch (Exception e) {
                LOG.warn("demo agent did not stop cleanly", e);
            }
        });
        agents.clear();
    }
}
