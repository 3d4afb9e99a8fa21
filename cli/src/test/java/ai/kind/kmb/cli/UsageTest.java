package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line itself: help everywhere, version, and usage errors as one line with exit 1. */
class UsageTest {

    @Test
    void everyCommandAndSubcommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Kmbctl.commandLine(new Cli(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of(), ConnectionFactory.remote())), new ArrayList<>(), paths);
        assertThat(paths).extracting(path -> String.join(" ", path)).contains("topics", "publish", "tail", "history",
                "record", "replay", "dlq", "dlq list", "dlq show", "dlq requeue", "dlq resend", "dlq purge", "dlq export",
                "durables", "durables list", "durables show", "durables delete", "snapshots", "snapshots list",
                "snapshots show", "bench");

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            TestKmbd.Result help = TestKmbd.run(Map.of(), "", args.toArray(String[]::new));

            assertThat(help.code()).as("exit code of %s", args).isZero();
            assertThat(help.out()).as("help of %s", path).startsWith("Usage: kmbctl " + String.join(" ", path))
                    .contains("--help", "--url", "--json");
            assertThat(help.err()).isEmpty();
        }
    }

    @Test
    void rootHelpListsTheCommandsAndTheExitCodes() {
        TestKmbd.Result help = TestKmbd.run(Map.of(), "", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("topics", "publish", "tail", "history", "record", "replay", "dlq", "snapshots", "bench",
                "Exit codes: 0 ok, 1 usage");
    }

    @Test
    void versionIsPrinted() {
        TestKmbd.Result version = TestKmbd.run(Map.of(), "", "--version");

        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("kmbctl ");
    }

    @Test
    void noCommandPrintsUsageAndExitsWithTheUsageCode() {
        TestKmbd.Result nothing = TestKmbd.run(Map.of(), "");

        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).startsWith("Usage: kmbctl");
    }

    @Test
    void unknownCommandIsOneUsageLinePointingAtHelp() {
        TestKmbd.Result unknown = TestKmbd.run(Map.of(), "", "frobnicate");

        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errLines()).singleElement().asString()
                .startsWith("kmbctl: ").contains("frobnicate").endsWith("(see 'kmbctl --help')");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void missingArgumentAndBadOptionValueAreUsageErrorsOfTheirCommand() {
        TestKmbd.Result missing = TestKmbd.run(Map.of(), "", "publish", "orders.created");
        TestKmbd.Result badDuration = TestKmbd.run(Map.of(), "", "tail", "#", "--timeout", "soon");
        TestKmbd.Result dlqAlone = TestKmbd.run(Map.of(), "", "dlq");

        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.errLines()).singleElement().asString().contains("PAYLOAD")
                .endsWith("(see 'kmbctl publish --help')");
        assertThat(badDuration.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDuration.errLines()).singleElement().asString().contains("'soon' is not a duration");
        assertThat(dlqAlone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(dlqAlone.errLines()).singleElement().asString().contains("kmbctl dlq --help");
    }

    @Test
    void aServerUrlThatIsNoUrlIsAUsageError() {
        TestKmbd.Result bad = TestKmbd.run(Map.of(), "", "--url", "ftp://example", "topics");
        TestKmbd.Result fromEnvironment = TestKmbd.run(Map.of("KMB_URL", "not a url"), "", "topics");

        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errLines()).singleElement().asString()
                .isEqualTo("kmbctl: the server URL 'ftp://example' must look like http://host:port (or https, ws, wss)"
                        + " (see 'kmbctl topics --help')");
        assertThat(fromEnvironment.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromEnvironment.errLines()).singleElement().asString().contains("'not a url' is not a URL");
    }

    @Test
    void anUnreachableServerIsUnavailableWithOneClearLine() {
        TestKmbd.Result down = TestKmbd.run(Map.of(), "", "--url", "http://127.0.0.1:1", "topics");

        assertThat(down.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(down.errLines()).singleElement().asString()
                .isEqualTo("kmbctl: cannot connect to http://127.0.0.1:1: connection refused;"
                        + " is a KMB server running there? (set --url or KMB_URL)");
    }

    @Test
    void verboseAddsTheStackTraceAfterTheLine() {
        TestKmbd.Result down = TestKmbd.run(Map.of(), "", "--url", "http://127.0.0.1:1", "--verbose", "topics");

        assertThat(down.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(down.errLines().getFirst()).startsWith("kmbctl: cannot connect");
        assertThat(down.errLines()).hasSizeGreaterThan(3).anySatisfy(line -> assertThat(line).contains("\tat "));
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            paths.add(subPath);
            collect(sub, subPath, paths);
        });
    }
}
