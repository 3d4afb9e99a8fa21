package ai.kind.kmb.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * kmbctl, the command line for a KMB server: topics, publish, tail, history, record, replay, the
 * dead-letter queue, durable consumers, snapshots and a load generator. Every command works
 * through a {@code BusConnection}, so it behaves the same against kmbd or KMB Studio's embedded
 * broker.
 */
@Command(name = "kmbctl", mixinStandardHelpOptions = true, versionProvider = Kmbctl.Version.class,
        description = "Works with a KMB message bus: publish, watch, search, record, replay, dead letters, durables, load.",
        footer = {"", "Exit codes: 0 ok, 1 usage, 2 bad input or refused by the broker, 3 not found,"
                + " 4 unauthorized or forbidden, 5 unavailable, 6 internal error. See docs/kmbctl.md."})
public final class Kmbctl implements Callable<Integer> {
    @Mixin
    private final GlobalOptions options;
    private final Cli cli;
    @Spec
    private CommandSpec spec;

    private Kmbctl(Cli cli) {
        this.cli = cli;
        this.options = cli.options();
    }

    public static void main(String[] args) {
        quietLogging(List.of(args).contains("-v") || List.of(args).contains("--verbose"));
        Cli cli = new Cli(new PrintWriter(new OutputStreamWriter(System.out, System.out.charset())),
                new PrintWriter(new OutputStreamWriter(System.err, System.err.charset())), System.in, System.getenv(),
                ConnectionFactory.remote());
        StopSignal stop = cli.stop();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kmbctl-stop").unstarted(stop::stopAndWait));
        int code = commandLine(cli).execute(args);
        stop.finished();
        System.exit(code);
    }

    /** Runs kmbctl as {@code main} would, on the given streams, environment and bus; for tests and embedding. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream in,
                          Map<String, String> environment, ConnectionFactory connections) {
        Cli cli = new Cli(out, err, in, environment, connections);
        try {
            return commandLine(cli).execute(args);
        } finally {
            cli.stop().finished();
        }
    }

    static CommandLine commandLine(Cli cli) {
        CommandLine root = new CommandLine(new Kmbctl(cli));
        root.addSubcommand(new TopicsCommand(cli));
        root.addSubcommand(new PublishCommand(cli));
        root.addSubcommand(new TailCommand(cli));
        root.addSubcommand(new HistoryCommand(cli));
        root.addSubcommand(new TraceCommand(cli));
        root.addSubcommand(new RecordCommand(cli));
        root.addSubcommand(new ReplayCommand(cli));
        root.addSubcommand(DlqCommand.commandLine(cli));
        root.addSubcommand(DurablesCommand.commandLine(cli));
        root.addSubcommand(SnapshotsCommand.commandLine(cli));
        root.addSubcommand(SchemaCommand.commandLine(cli));
        root.addSubcommand(new BenchCommand(cli));
        root.addSubcommand(CertsCommand.commandLine(cli));
        root.addSubcommand(KeysCommand.commandLine(cli));
        root.addSubcommand(TokensCommand.commandLine(cli));
        Errors errors = new Errors(cli.options());
        // @FILE is publish's payload from a file, not picocli's argument file.
        root.setExpandAtFiles(false);
        root.setOut(cli.out()).setErr(cli.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        return root;
    }

    /** Without a command: the usage, and the usage exit code, since nothing was done. */
    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err());
        return ExitCodes.USAGE;
    }

    /**
     * The client logs reconnections through java.util.logging; on a terminal those lines would
     * break the one-line error rule, and every failure a command sees is reported by the command.
     */
    private static void quietLogging(boolean verbose) {
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.OFF);
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String text() {
            String version = Kmbctl.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"kmbctl " + text()};
        }
    }
}
