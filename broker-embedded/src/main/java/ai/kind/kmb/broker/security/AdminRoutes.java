package ai.kind.kmb.broker.security;

/**
 * Which REST routes need the {@code admin} permission: every dead-letter operation, every change
 * to the topic registry and every change to durable consumers (deleting one drops its position).
 * Decided by path prefix, so routes added later under these paths are covered too. Replays are
 * not here: they need the topic permissions of what they read and write, which only the replay
 * routes know.
 * Snapshots belong to their agent: {@code /v1/snapshots/{agent}/...} is for the client of that
 * name or an admin; the listing of every agent's is for admins.
 */
public final class AdminRoutes {
    private AdminRoutes() {
    }

    public static boolean requiresAdmin(String method, String path) {
        if (under(path, "/v1/dlq")) {
            return true;
        }
        boolean change = !method.equals("GET") && !method.equals("HEAD");
        return change && (under(path, "/v1/registry") || under(path, "/v1/durables"));
    }

    /** True for the snapshot routes, which only their agent's client or an admin may use. */
    public static boolean isAgentOwned(String path) {
        return under(path, "/v1/snapshots");
    }

    /** Paths anyone may call, so that load balancers and probes need no token. */
    public static boolean isPublic(String path) {
        return path.equals("/healthz");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
