package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command is given: where to read and write, the environment, the global options, the
 * stop signal, and how to reach the bus. One per run of kmbctl; tests make their own.
 */
final class Cli {
    static final String DEFAULT_URL = "http://127.0.0.1:7420";
    static final String DEFAULT_CLIENT_ID = "kmbctl";

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final Map<String, String> environment;
    private final ConnectionFactory connections;
    private final GlobalOptions options = new GlobalOptions();
    private final StopSignal stop = new StopSignal();

    Cli(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> environment,
        ConnectionFactory connections) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = environment;
        this.connections = connections;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    GlobalOptions options() {
        return options;
    }

    boolean json() {
        return options.json();
    }

    StopSignal stop() {
        return stop;
    }

    /** The environment kmbctl runs in (KMB_URL, KMB_TOKEN, KMB_JWT_SECRET...). */
    Map<String, String> environment() {
        return environment;
    }

    /** Flags first, then {@code KMB_URL}, {@code KMB_TOKEN}, {@code KMB_TRUST} and {@code KMB_CLIENT_ID}, then defaults. */
    ConnectionFactory.Target target() {
        String url = firstSet(options.url(), environment.get("KMB_URL"), DEFAULT_URL);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "the server URL '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !scheme.matches("https?|wss?") || uri.getHost() == null) {
            throw new CliException(ExitCodes.USAGE, "the server URL '" + url
                    + "' must look like http://host:port (or https, ws, wss)");
        }
        String trust = firstSet(options.trust(), environment.get("KMB_TRUST"), null);
        return new ConnectionFactory.Target(uri, firstSet(options.token(), environment.get("KMB_TOKEN"), null),
                trust == null ? null : Path.of(trust),
                firstSet(options.clientId(), environment.get("KMB_CLIENT_ID"), DEFAULT_CLIENT_ID));
    }

    /**
     * Opens the bus. A refused connection is the commonest failure of all (no server there, or a
     * wrong port), and the client's own message only names the exception, so it is said plainly.
     */
    BusConnection connect() {
        ConnectionFactory.Target target = target();
        try {
            return connections.open(target);
        } catch (KmbException e) {
            if (e.code() == ErrorCode.UNAVAILABLE && refused(e)) {
                throw new KmbException(ErrorCode.UNAVAILABLE, "cannot connect to " + target.url()
                        + ": connection refused; is a KMB server running there? (set --url or KMB_URL)", e.details(), e);
            }
            throw e;
        }
    }

    private static boolean refused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Prints a line and flushes it at once: a tail piped into another program must not sit in a buffer. */
    void println(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** A warning that does not fail the command, in the error line's form. */
    void warn(String message) {
        synchronized (err) {
            err.println("kmbctl: warning: " + message);
            err.flush();
        }
    }

    private static String firstSet(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : fallback;
    }
}
