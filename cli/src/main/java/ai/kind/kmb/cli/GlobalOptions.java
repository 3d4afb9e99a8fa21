package ai.kind.kmb.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after its name ({@code kmbctl --json topics} and
 * {@code kmbctl topics --json} are the same): picocli's inherited scope sets them here wherever
 * they appear.
 */
final class GlobalOptions {
    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = {"The KMB server; default: $KMB_URL, else", "http://127.0.0.1:7420"})
    private String url;

    @Option(names = "--token", paramLabel = "JWT", scope = ScopeType.INHERIT,
            description = "Token for a server with authentication (default: $KMB_TOKEN).")
    private String token;

    @Option(names = "--client-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = {"The client id kmbctl gives a server without authentication (default: $KMB_CLIENT_ID,",
                "else kmbctl); with a token, the token's subject is the client id."})
    private String clientId;

    @Option(names = "--trust", paramLabel = "PEM", scope = ScopeType.INHERIT,
            description = {"CA or server certificate(s) to trust for https/wss", "(default: $KMB_TRUST; else the JDK's)"})
    private String trust;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print JSON, one object per line (NDJSON), for scripts.")
    private boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure after its one-line message.")
    private boolean verbose;

    String url() {
        return url;
    }

    String token() {
        return token;
    }

    String clientId() {
        return clientId;
    }

    String trust() {
        return trust;
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }
}
