package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.security.Identity;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Durable consumers for operators ({@code /v1/durables}): list, inspect, delete. A caller sees the
 * durables it could subscribe to itself (its subscribe permissions overlap the durable's filter, as
 * for a {@code sub}), and an admin sees them all; deleting is for admins ({@code AdminRoutes}).
 */
final class DurablesResource {
    private final DurableAdmin durables;
    private final ServerSecurity security;

    DurablesResource(DurableAdmin durables, ServerSecurity security) {
        this.durables = durables;
        this.security = security;
    }

    void register(HttpRouter router) {
        router.add("GET", "/v1/durables", this::list)
                .add("GET", "/v1/durables/{name}", this::get)
                .add("DELETE", "/v1/durables/{name}", this::delete);
    }

    private RestResponse list(RestRequest request) {
        ObjectNode body = Json.object();
        ArrayNode listed = body.putArray("durables");
        durables.list().stream()
                .filter(durable -> maySee(request.caller(), durable))
                .forEach(durable -> listed.add(DurableJson.toJson(durable)));
        return RestResponse.ok(body);
    }

    private RestResponse get(RestRequest request) {
        DurableInfo durable = durables.get(request.pathParam("name"));
        if (!request.caller().permissions().isAdmin()) {
            security.requireSubscribe(request.caller(), TopicFilter.parse(durable.filter()));
        }
        return RestResponse.ok(DurableJson.toJson(durable));
    }

    private RestResponse delete(RestRequest request) {
        String name = request.pathParam("name");
        if (!durables.delete(name)) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no durable named '" + name + "'");
        }
        return RestResponse.noContent();
    }

    private static boolean maySee(Identity caller, DurableInfo durable) {
        return caller.permissions().isAdmin()
                || caller.permissions().maySubscribeFilter(TopicFilter.parse(durable.filter()), caller.clientId());
    }
}
