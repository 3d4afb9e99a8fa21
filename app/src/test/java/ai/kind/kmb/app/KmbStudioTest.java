package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KmbStudioTest {

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new KmbStudio()).setOut(new PrintWriter(out));

        assertThat(command.execute("--help")).isZero();
        assertThat(out.toString()).contains("--data", "--config", "--port", "--demo", "--screenshot",
                "--backend", "--redis-url", "--postgres-url", "--bus-name", "--key-registry");
    }

    @Test
    void aBadPortIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KmbStudio()).setErr(new PrintWriter(err));

        assertThat(command.execute("--port", "seventy")).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    void aKeyRegistryThatWillNotLoadIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.yaml"), "owners: []\n");
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KmbStudio()).setErr(new PrintWriter(err));

        assertThat(command.execute("--key-registry", keys.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--key-registry: key registry " + keys + " needs a 'keys' mapping");
    }
}
