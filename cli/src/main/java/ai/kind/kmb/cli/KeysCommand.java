package ai.kind.kmb.cli;

import ai.kind.kmb.signing.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The group {@code kmbctl keys}: Ed25519 keys for signing messages. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Makes Ed25519 keys for signing messages.")
final class KeysCommand {
    private KeysCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new KeysCommand()).addSubcommand(new Gen(cli));
    }

    @Command(name = "gen", mixinStandardHelpOptions = true,
            description = {"Writes an Ed25519 key pair: KEY_ID.key.pem (private, PKCS#8) and KEY_ID.pub.pem, or",
                "KEY_ID.jwk.json and KEY_ID.pub.jwk.json with --format jwk; prints the key registry entry."})
    static final class Gen implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "KEY_ID", description = "The key's id, as messages will name it.")
        private String keyId;

        @Option(names = "--client", paramLabel = "CLIENT_ID",
                description = "The client the key belongs to, for the printed registry entry (default: KEY_ID).")
        private String clientId;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory (default: .).")
        private Path out;

        @Option(names = "--format", defaultValue = "pem", description = "pem (default) or jwk.")
        private String format;

        Gen(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException {
            if (!keyId.matches("[A-Za-z0-9_.-]+")) {
                throw new CliException(ExitCodes.BAD_INPUT, "key id '" + keyId + "' may hold letters, digits, '_', '.'"
                        + " and '-' only, since it names the files");
            }
            boolean jwk = switch (format) {
                case "pem" -> false;
                case "jwk" -> true;
                default -> throw new CliException(ExitCodes.BAD_INPUT, "--format must be pem or jwk, got '" + format + "'");
            };
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
            Ed25519PublicKeyParameters publicKey = key.generatePublicKey();
            Files.createDirectories(out);
            Path privateFile = out.resolve(keyId + (jwk ? ".jwk.json" : ".key.pem"));
            Path publicFile = out.resolve(keyId + (jwk ? ".pub.jwk.json" : ".pub.pem"));
            if (Files.exists(privateFile)) {
                throw new CliException(ExitCodes.BAD_INPUT, privateFile + " already exists; pick another key id");
            }
            Files.writeString(privateFile, jwk ? Ed25519Keys.privateJwk(keyId, key) + "\n" : Ed25519Keys.privatePem(key));
            Files.writeString(publicFile, jwk ? Ed25519Keys.publicJwk(keyId, publicKey) + "\n"
                    : Ed25519Keys.publicPem(publicKey));
            cli.println("wrote " + privateFile + " (private: the signer's alone) and " + publicFile);
            cli.println("key registry entry (kmb.signing.keys):");
            cli.println("  " + keyId + ":");
            cli.println("    client_id: " + (clientId == null ? keyId : clientId));
            cli.println("    public_key: |");
            Ed25519Keys.publicPem(publicKey).lines().forEach(line -> cli.println("      " + line));
            return ExitCodes.OK;
        }
    }
}
