package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KmbStudioTest {

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new KmbStudio()).setOut(new PrintWriter(out));

        assertThat(command.execute("--help")).isZero();
        assertThat(out.toString()).contains("--data", "--config", "--port", "--demo", "--screenshot",
                "--backend", "--redis-url", "--postgres-url", "--bus-name");
    }

    @Test
    void aBadPortIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KmbStudio()).setErr(new PrintWriter(err));

        assertThat(command.execute("--port", "seventy")).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }
}
