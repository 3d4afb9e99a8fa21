package ai.kind.kmb.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The group {@code kmbctl tokens}: client tokens for a server that checks HS256 tokens. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Makes client tokens (JWT).")
final class TokensCommand {
    private TokensCommand() {
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new TokensCommand()).addSubcommand(new Issue(cli));
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Prints an HS256 token signed with the server's kmb.auth.jwt_secret, carrying the",
                "permissions given (the 'kmb' claim). For development and operators; services get theirs",
                "from the organisation's identity provider."})
    static final class Issue implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--subject", required = true, paramLabel = "CLIENT_ID", description = "The client id (sub).")
        private String subject;

        @Option(names = "--secret", paramLabel = "SECRET",
                description = "The HS256 secret (default: $KMB_JWT_SECRET).")
        private String secret;

        @Option(names = "--issuer", description = "iss claim.")
        private String issuer;

        @Option(names = "--audience", description = "aud claim.")
        private String audience;

        @Option(names = "--ttl", defaultValue = "1h", converter = Converters.DurationConverter.class,
                description = "How long the token is valid (default: 1h).")
        private Duration ttl;

        @Option(names = "--pub-allow", paramLabel = "FILTER", description = "Topics it may publish to (repeatable).")
        private List<String> pubAllow = new ArrayList<>();

        @Option(names = "--pub-deny", paramLabel = "FILTER", description = "Topics it may not publish to (repeatable).")
        private List<String> pubDeny = new ArrayList<>();

        @Option(names = "--sub-allow", paramLabel = "FILTER", description = "Topics it may receive (repeatable).")
        private List<String> subAllow = new ArrayList<>();

        @Option(names = "--sub-deny", paramLabel = "FILTER", description = "Topics it may not receive (repeatable).")
        private List<String> subDeny = new ArrayList<>();

        @Option(names = "--admin", description = "May change the registry, work the DLQ and replay.")
        private boolean admin;

        Issue(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws JOSEException {
            String key = secret != null ? secret : cli.environment().get("KMB_JWT_SECRET");
            if (key == null || key.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new CliException(ExitCodes.BAD_INPUT, "an HS256 secret of at least 32 bytes is needed:"
                        + " --secret or KMB_JWT_SECRET (the server's kmb.auth.jwt_secret)");
            }
            Instant now = Instant.now();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(ttl))).issuer(issuer)
                    .claim("kmb", Map.of("pub", Map.of("allow", pubAllow, "deny", pubDeny),
                            "sub", Map.of("allow", subAllow, "deny", subDeny), "admin", admin));
            if (audience != null) {
                claims.audience(audience);
            }
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            token.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            cli.println(token.serialize());
            return ExitCodes.OK;
        }
    }
}
