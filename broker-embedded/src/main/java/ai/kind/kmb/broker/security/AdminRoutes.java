package ai.kind.kmb.broker.security;

/**
 * Which REST routes need the {@code admin} permission: every dead-letter operation, every replay
 * (a replay publishes stored messages again, possibly into live topics) and every change to the
 * topic registry. Decided by path prefix, so routes added later under these paths are covered too.
 */
public final class AdminRoutes {
    private AdminRoutes() {
    }

    public static boolean requiresAdmin(String method, String path) {
        if (under(path, "/v1/dlq") || under(path, "/v1/replays")) {
            return true;
        }
        return under(path, "/v1/registry") && !method.equals("GET") && !method.equals("HEAD");
    }

    /** Paths anyone may call, so that load balancers and probes need no token. */
    public static boolean isPublic(String path) {
        return path.equals("/healthz");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
