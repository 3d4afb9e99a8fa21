package ai.kind.kmb.app.bench;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.connect.Connector;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.connect.EmbeddedRun;
import ai.kind.kmb.ui.feed.FeedCounters;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.shell.ShellView;
import ai.kind.kmb.ui.studio.Studio;
import ai.kind.kmb.ui.studio.StudioEnvironment;
import ai.kind.kmb.ui.support.UiExecutors;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * KMB Studio under load, not a unit test: the whole window (headless) on an embedded broker while
 * one thread publishes {@code rate} messages a second to 50 topics. Reports FX pulse gaps (how
 * long the window went without repainting), heap, and shown versus dropped, first idle and then
 * under load. Run it as docs/benchmarks.md says; arguments: [rate] [seconds].
 */
public final class StudioLoadBenchmark {
    private static final int TOPICS = 50;

    private StudioLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        UiExecutors executors = UiExecutors.fx();
        Studio studio = new Studio(new StudioEnvironment(new Embedded(broker),
                Files.createTempDirectory("kmb-bench-config"), FeedLimits.defaults(), Clock.systemDefaultZone(),
                executors, null, null, EmbeddedRun.asSaved(EmbeddedBrokerSettings.DEFAULTS)));
        PulseRecorder pulses = new PulseRecorder();
        onFx(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(studio.buildShell(stage::hide), 1440, 900);
            ShellView.applyTheme(scene, studio.themes());
            stage.setScene(scene);
            stage.show();
            pulses.start();
            return studio.start();
        }).get(60, TimeUnit.SECONDS);

        Thread.sleep(2_000);
        System.out.println(header(rate, seconds));
        System.out.println(row("idle", measure(pulses, studio, seconds, () -> { })));
        EmbeddedConnection publisher = new EmbeddedConnection(broker, "load");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        Thread load = Thread.ofPlatform().name("load").start(() -> publish(publisher, rate, running, published));
        Thread.sleep(3_000);
        long before = published.get();
        long startNanos = System.nanoTime();
        Result loaded = measure(pulses, studio, seconds, () -> { });
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long sent = published.get() - before;
        running.set(false);
        load.join();
        System.out.println(row(String.format(Locale.ROOT, "%,d msg/s offered, %,.0f/s published", rate,
                sent / elapsed), loaded));
        onFx(() -> {
            studio.close();
            return null;
        }).get(60, TimeUnit.SECONDS);
        executors.close();
        publisher.close();
        broker.close();
        Platform.exit();
    }

    /** One measurement window: pulse gaps, heap high-water mark, and what was shown and dropped. */
    private static Result measure(PulseRecorder pulses, Studio studio, int seconds, Runnable during) throws Exception {
        FeedCounters start = onFx(() -> studio.feed().counters()).get();
        long startNanos = System.nanoTime();
        pulses.record(true);
        long heapMax = 0;
        for (int i = 0; i < seconds * 4; i++) {
            during.run();
            Thread.sleep(250);
            heapMax = Math.max(heapMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        pulses.record(false);
        FeedCounters end = studio.feed().counters();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        // What is really held, traffic still flowing: the bounded buffers and list, not garbage awaiting collection.
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        PulseRecorder.Summary gaps = onFx(pulses::summary).get();
        return new Result(gaps, heapMax, live, (end.taken() - start.taken()) / elapsed,
                (end.droppedForDisplay() - start.droppedForDisplay()) / elapsed, end.peakBuffered());
    }

    private record Result(PulseRecorder.Summary gaps, long heapMaxBytes, long heapAfterGcBytes, double shownPerSecond,
                          double droppedPerSecond, long peakBuffered) {
    }

    private static String header(int rate, int seconds) {
        return String.format(Locale.ROOT, "%d s per row, target %,d msg/s, %d topics, %d cores, max heap %d MB%n"
                + "| load | pulses | gap p50 ms | gap p99 ms | gap max ms | heap max MB | heap after GC MB | shown/s "
                + "| dropped/s | peak buffered |%n|---|---|---|---|---|---|---|---|---|---|", seconds, rate, TOPICS,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String row(String load, Result result) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d | %d | %,.0f | %,.0f | %,d |", load,
                result.gaps().pulses(), result.gaps().p50(), result.gaps().p99(), result.gaps().max(),
                result.heapMaxBytes() >> 20, result.heapAfterGcBytes() >> 20, result.shownPerSecond(),
                result.droppedPerSecond(), result.peakBuffered());
    }

    /** Publishes {@code rate} a second in 1 ms slices, catching up after a late slice. */
    private static void publish(BusConnection bus, int rate, AtomicBoolean running, AtomicLong published) {
        long startNanos = System.nanoTime();
        long sent = 0;
        while (running.get()) {
            long due = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
            while (sent < due && running.get()) {
                bus.publish(Envelope.event("load.agent" + (sent % TOPICS) + ".metrics", Json.object()
                        .put("n", sent).put("agent", "agent-" + (sent % TOPICS)).put("cpu", (sent % 1000) / 10.0)
                        .put("status", "ok").put("note", "steady state telemetry sample")), PublishOptions.EPHEMERAL);
                sent++;
                published.incrementAndGet();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static <T> CompletableFuture<T> onFx(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Every profile opens a connection to the one broker in this process. */
    private record Embedded(Broker broker) implements Connector {
        @Override
        public Optional<String> unavailableReason(ConnectionProfile profile) {
            return Optional.empty();
        }

        @Override
        public BusConnection open(ConnectionProfile profile) {
            return new EmbeddedConnection(broker, "benchmark broker");
        }
    }
}
