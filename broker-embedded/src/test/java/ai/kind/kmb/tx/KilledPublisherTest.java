package ai.kind.kmb.tx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.KmbClient;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.request.BusSetup;
import ai.kind.kmb.request.BusSetup.Mode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A publisher killed with SIGKILL in the middle of a transaction: the server notices the dead
 * connection, rolls the transaction back, and no subscriber ever sees any part of it.
 */
class KilledPublisherTest {

    @Test
    void aTransactionOfAKilledPublisherIsRolledBackAndNeverSeen() throws Exception {
        try (BusSetup setup = new BusSetup(Mode.NETWORK)) {
            KmbClient watcher = setup.client();
            Seen seen = new Seen(watcher);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    TransactionPublisher.class.getName(), setup.url().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = lines.readLine();
                assertThat(line).as("the child staged its transaction").startsWith("STAGED ");
                assertThat(setup.broker.openTransactions()).isEqualTo(1);

                assertThat(child.toHandle().destroyForcibly()).isTrue();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited after SIGKILL").isTrue();
            }
            TransactionTest.awaitNoOpenTransactions(setup);

            assertThat(seen.afterMarker(watcher)).isEmpty();
            assertThat(setup.broker.store().query(HistoryQuery.all(100)))
                    .noneMatch(stored -> stored.envelope().topic().matches("orders\\.(one|two|three)"));
        }
    }
}
