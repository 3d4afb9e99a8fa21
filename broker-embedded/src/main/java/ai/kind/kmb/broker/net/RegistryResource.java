package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.registry.EmptyRegistry;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.registry.RegistryJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * The topic registry ({@code /v1/registry/topics}): list, show, validate a payload, register a
 * version. A broker without a registry answers with an empty one.
 */
final class RegistryResource {
    private final Broker broker;

    RegistryResource(Broker broker) {
        this.broker = broker;
    }

    void register(HttpRouter router) {
        router.add("GET", "/v1/registry/topics", request -> RestResponse.ok(
                        RegistryJson.listing(registry().topics(), registry().problems())))
                .add("GET", "/v1/registry/topics/{name}", request -> RestResponse.ok(
                        RegistryJson.descriptor(registry().topic(request.pathParam("name")))))
                .add("POST", "/v1/registry/topics/{name}/validate", this::validate)
                .add("POST", "/v1/registry/topics/{name}/versions", this::registerVersion);
    }

    private Registry registry() {
        return EmptyRegistry.orEmpty(broker.registry());
    }

    /** The body is the payload itself; {@code ?version=} picks a version, else the latest. */
    private RestResponse validate(RestRequest request) {
        return RestResponse.ok(RegistryJson.verdict(registry().validate(request.pathParam("name"),
                request.text("version"), body(request, "payload"))));
    }

    /** {@code {"schema": {...}}}; {@code ?dry_run=true} gives the verdict without writing. */
    private RestResponse registerVersion(RestRequest request) {
        Boolean dryRun = request.bool("dry_run");
        return RestResponse.ok(RegistryJson.verdict(registry().register(request.pathParam("name"),
                RegistryJson.schemaOf(body(request, "body")), dryRun != null && dryRun)));
    }

    private static JsonNode body(RestRequest request, String what) {
        if (request.body() == null || request.body().length == 0) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "the request needs a JSON " + what,
                    List.of(new ErrorDetail(what, "missing")));
        }
        try {
            return Json.mapper().readTree(request.body());
        } catch (IOException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "the " + what + " is not JSON: " + e.getMessage(),
                    List.of(new ErrorDetail(what, "not JSON")));
        }
    }
}
