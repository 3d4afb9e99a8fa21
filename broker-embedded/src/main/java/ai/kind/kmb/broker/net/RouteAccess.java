package ai.kind.kmb.broker.net;

import ai.kind.kmb.broker.security.AdminRoutes;
import ai.kind.kmb.broker.security.ServerSecurity;

/**
 * The router's guard: every route but the public ones needs an authenticated caller, and the admin
 * routes (dead letters, registry and durable changes, other agents' snapshots) the admin
 * permission. Topic permissions, replays' included, are the resources' own checks, since only
 * they know the topics involved.
 */
final class RouteAccess implements HttpRouter.Guard {
    private final ServerSecurity security;

    RouteAccess(ServerSecurity security) {
        this.security = security;
    }

    @Override
    public void check(RestRequest request) {
        if (AdminRoutes.isPublic(request.path())) {
            return;
        }
        if (request.caller() == null) {
            security.requireCaller(null, "rest");
        }
        boolean othersSnapshots = AdminRoutes.isAgentOwned(request.path())
                && !request.caller().clientId().equals(request.pathParam("agent"));
        if (othersSnapshots || AdminRoutes.requiresAdmin(request.method(), request.path())) {
            security.requireAdmin(request.caller(), request.method() + " " + request.path());
        }
    }
}
