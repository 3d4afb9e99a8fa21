package ai.kind.kmb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The group {@code kmbctl certs}: certificates for TLS. */
@Command(name = "certs", mixinStandardHelpOptions = true, description = "Makes certificates for TLS.")
final class CertsCommand {
    private CertsCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new CertsCommand()).addSubcommand(new Dev(cli));
    }

    @Command(name = "dev", mixinStandardHelpOptions = true,
            description = {"Writes a development CA (ca.pem, ca-key.pem) and a server certificate it signs",
                "(server.pem, server-key.pem) for localhost, 127.0.0.1 and ::1. Not for production."})
    static final class Dev implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "certs",
                description = "Directory to write to (default: ./certs).")
        private Path out;

        @Option(names = "--host", paramLabel = "NAME",
                description = "Another name or address the server certificate is valid for (repeatable).")
        private List<String> hosts = new ArrayList<>();

        @Option(names = "--days", defaultValue = "365", description = "Validity in days (default: 365).")
        private int days;

        @Option(names = "--force", description = "Overwrite certificates already in the directory.")
        private boolean force;

        Dev(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            if (!force && Files.exists(out.resolve("ca.pem"))) {
                throw new CliException(ExitCodes.BAD_INPUT, out.resolve("ca.pem") + " already exists; pass --force"
                        + " to replace the CA (clients trusting the old one will then refuse the server)");
            }
            List<String> names = new ArrayList<>(DevCertificates.DEFAULT_HOSTS);
            names.addAll(hosts);
            DevCertificates.Written written = DevCertificates.write(out, names, Duration.ofDays(days));
            cli.println("wrote " + written.ca() + " (trust this: --trust, KMB_TRUST, Studio's trust file)");
            cli.println("wrote " + written.serverChain() + " and " + written.serverKey()
                    + " (kmbd: kmb.tls.cert and kmb.tls.key)");
            cli.println("wrote " + written.caKey() + " (keep private; it can sign more certificates)");
            return ExitCodes.OK;
        }
    }
}
