package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches method and path to a handler. Patterns are literal segments and {@code {name}}
 * captures of one segment. An unknown path is {@code not_found} (404); a known path with another
 * method is answered 405 with code {@code bad_request} and the methods it takes.
 */
final class HttpRouter {
    @FunctionalInterface
    interface Handler {
        RestResponse handle(RestRequest request);
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    /** Checks a matched request before its handler runs; throws to refuse it. */
    @FunctionalInterface
    interface Guard {
        void check(RestRequest request);
    }

    private final List<Route> routes = new ArrayList<>();
    private final Guard guard;

    HttpRouter(Guard guard) {
        this.guard = guard;
    }

    HttpRouter add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    /** Routes a request (its path still URL-encoded, its path params not yet filled); never throws. */
    RestResponse route(RestRequest request) {
        String[] path = split(request.path());
        for (int i = 0; i < path.length; i++) {
            // Decoded one segment at a time, so an id holding an encoded '/' stays one segment.
            path[i] = QueryStringDecoder.decodeComponent(path[i]);
        }
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                allowed.add(route.method());
                continue;
            }
            try {
                RestRequest matched = new RestRequest(request.method(), request.path(), request.query(), params,
                        request.body(), request.caller(), request.client(), request.headers());
                guard.check(matched);
                return route.handler().handle(matched);
            } catch (RuntimeException e) {
                return RestResponse.error(Errors.toKmb(e));
            }
        }
        if (!allowed.isEmpty()) {
            String reason = "takes " + String.join(", ", allowed) + ", not " + request.method();
            KmbException refusal = new KmbException(ErrorCode.BAD_REQUEST, request.path() + " " + reason,
                    List.of(new ErrorDetail("method", reason)));
            return RestResponse.json(405, Errors.body(refusal)).withHeader("Allow", String.join(", ", allowed));
        }
        return RestResponse.error(new KmbException(ErrorCode.NOT_FOUND, "no route " + request.method() + " "
                + request.path() + "; docs/protocol.md lists the routes"));
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), path[i]);
            } else if (!segment.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }
}
