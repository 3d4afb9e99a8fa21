package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.registry.TopicDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aChangedOrNewDescriptorIsPickedUpAndABrokenOneIsReportedWhileTheRestKeepsWorking()
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve("a.yaml"), "name: orders.created\nversions:\n  v1:\n    schema: {type: object}\n");
        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);
        try (RegistryWatcher ignored = RegistryWatcher.start(registry)) {
            Files.writeString(dir.resolve("b.yaml"), "name: orders.paid\nversions:\n  v1:\n    schema: {type: object}\n");
            awaitTrue(() -> registry.descriptorFor("orders.paid").isPresent());

            Files.writeString(dir.resolve("a.yaml"), "name: orders.created\nversions:\n  v1:\n    schema: {type: nope}\n");
            awaitTrue(() -> !registry.problems().isEmpty());

            assertThat(registry.topics()).extracting(TopicDescriptor::name).containsExactly("orders.paid");
            assertThat(registry.problems().getFirst().file()).isEqualTo("a.yaml");
        }
    }

    /** Waits for the watcher's reload; the time-out only bounds a failing test. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("registry reloaded within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
