package ai.kind.kmb.remote;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterPage;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableJson;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The REST API of a KMB server ({@code docs/protocol.md}): publishing, history, topics, traces, the
 * dead-letter queue, durable consumers, snapshots, the registry and the health check. Calls block and fail with a {@link KmbException} carrying
 * the server's code, message and details. Safe to use from any thread.
 */
public final class RestClient implements AutoCloseable {
    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final boolean ownsHttp;

    /** Uses {@code http} without closing it: for callers that share one client. */
    public RestClient(URI base, String token, Duration timeout, HttpClient http) {
        this(base, token, timeout, http, false);
    }

    private RestClient(URI base, String token, Duration timeout, HttpClient http, boolean ownsHttp) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.timeout = timeout;
        this.http = http;
        this.ownsHttp = ownsHttp;
    }

    /** A client for the server {@code options} point at, with their token, trust and time-outs. */
    public static RestClient of(RemoteBusOptions options) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.sslContext() != null) {
            builder.sslContext(options.sslContext());
        }
        return new RestClient(options.httpBase(), options.token(), options.requestTimeout(), builder.build(), true);
    }

    /** {@code POST /v1/messages}: answers once the server took the message (on disk, if durable). */
    public PublishAck publish(Envelope message, PublishOptions options) {
        String query = options.durable() == null ? "" : "?durable=" + options.durable();
        return RestJson.publishAck(send("POST", "/v1/messages" + query, EnvelopeCodec.toJsonString(message),
                "publish to '" + message.topic() + "'"));
    }

    /** {@code GET /v1/messages}: one page of durable history in offset order. */
    public HistoryPage history(HistoryRequest request) {
        Query query = new Query().add("filter", request.filter()).add("from", request.from())
                .add("to", request.to()).add("trace_id", request.traceId()).add("limit", request.limit())
                .add("after", request.after());
        return RestJson.page(send("GET", "/v1/messages" + query, null, "history"));
    }

    /** {@code GET /v1/topics}: topics seen since the server started, with counts and rates. */
    public TopicListing topics() {
        return RestJson.topics(send("GET", "/v1/topics", null, "topics"));
    }

    /** {@code GET /v1/limits}: each configured rate limit with its counts; empty when none is configured. */
    public List<RateLimitStats> limits() {
        return RestJson.limits(send("GET", "/v1/limits", null, "rate limits"));
    }

    /** {@code GET /v1/traces/{id}}: every stored message of one trace; {@code not_found} if there is none. */
    public List<StoredMessage> trace(String traceId) {
        return RestJson.storedList(send("GET", "/v1/traces/" + segment(traceId), null, "trace '" + traceId + "'")
                .path("messages"));
    }

    /**
     * {@code GET /v1/dlq}: the page of dead letters at {@code offset}, newest death first, narrowed
     * by the query's reason and original-topic filter; a limit of zero or less leaves the page size
     * to the server (100).
     */
    public DeadLetterPage deadLetters(DeadLetterQuery selection, int offset) {
        Query query = selected(selection).add("limit", selection.limit() > 0 ? selection.limit() : null)
                .add("offset", offset > 0 ? offset : null);
        return RestJson.deadLetterPage(send("GET", "/v1/dlq" + query, null, "dead letters"));
    }

    public DeadLetter deadLetter(String id) {
        return RestJson.deadLetter(send("GET", "/v1/dlq/" + segment(id), null, "dead letter '" + id + "'"));
    }

    /** Publishes the dead message again, durably, to its original topic or to {@code targetTopic} if not null. */
    public PublishAck requeue(String id, String targetTopic) {
        Query query = new Query().add("topic", targetTopic);
        return RestJson.publishAck(send("POST", "/v1/dlq/" + segment(id) + "/requeue" + query, "",
                "requeue of dead letter '" + id + "'"));
    }

    /** {@code POST /v1/dlq/{id}/resend}: publishes {@code edited} durably in place of the dead message. */
    public PublishAck resend(String id, Envelope edited) {
        return RestJson.publishAck(send("POST", "/v1/dlq/" + segment(id) + "/resend",
                EnvelopeCodec.toJsonString(edited), "resend of dead letter '" + id + "'"));
    }

    public void deleteDeadLetter(String id) {
        send("DELETE", "/v1/dlq/" + segment(id), null, "delete of dead letter '" + id + "'");
    }

    /** {@code DELETE /v1/dlq}: removes every letter the query's reason and topic filter select; how many went. */
    public int purgeDeadLetters(DeadLetterQuery selection) {
        Query query = selected(selection);
        if (selection.reason() == null && selection.originalTopic() == null) {
            query.add("all", true);
        }
        return send("DELETE", "/v1/dlq" + query, null, "purge of dead letters").path("purged").asInt();
    }

    private static Query selected(DeadLetterQuery selection) {
        return new Query().add("reason", selection.reason() == null ? null : selection.reason().wireName())
                .add("topic", selection.originalTopic() == null ? null : selection.originalTopic().text());
    }

    /** {@code GET /v1/durables}: the durables the server knows (those this client may see), by name. */
    public List<DurableInfo> durables() {
        List<DurableInfo> durables = new ArrayList<>();
        send("GET", "/v1/durables", null, "durables").path("durables")
                .forEach(durable -> durables.add(DurableJson.fromJson(durable)));
        return durables;
    }

    /** {@code GET /v1/durables/{name}}; {@code not_found} for a durable the server does not know. */
    public DurableInfo durable(String name) {
        return DurableJson.fromJson(send("GET", "/v1/durables/" + segment(name), null, "durable '" + name + "'"));
    }

    /** {@code DELETE /v1/durables/{name}}: stops the durable and forgets it; {@code not_found} if unknown. */
    public void deleteDurable(String name) {
        send("DELETE", "/v1/durables/" + segment(name), null, "delete of durable '" + name + "'");
    }

    /** {@code POST /v1/snapshots/{agent}}: saves the agent's state as its latest snapshot. */
    public SnapshotInfo saveSnapshot(String agent, long offset, List<String> filters, JsonNode state) {
        ObjectNode body = Json.object().put("offset", offset);
        filters.forEach(body.putArray("filters")::add);
        body.set("state", state);
        return RestJson.snapshotInfo(send("POST", "/v1/snapshots/" + segment(agent), body.toString(),
                "snapshot of agent '" + agent + "'"));
    }

    /** {@code GET /v1/snapshots/{agent}/latest}; {@code not_found} when the agent has none. */
    public Snapshot latestSnapshot(String agent) {
        return RestJson.snapshot(send("GET", "/v1/snapshots/" + segment(agent) + "/latest", null,
                "latest snapshot of agent '" + agent + "'"));
    }

    /** {@code GET /v1/snapshots/{agent}/{id}}. */
    public Snapshot snapshot(String agent, String id) {
        return RestJson.snapshot(send("GET", "/v1/snapshots/" + segment(agent) + "/" + segment(id), null,
                "snapshot '" + id + "' of agent '" + agent + "'"));
    }

    /** {@code GET /v1/snapshots/{agent}}: the agent's snapshots, newest first. */
    public List<SnapshotInfo> snapshotHistory(String agent) {
        return RestJson.snapshotInfos(send("GET", "/v1/snapshots/" + segment(agent), null,
                "snapshots of agent '" + agent + "'").path("snapshots"));
    }

    /** {@code GET /v1/snapshots}: the latest snapshot of each agent. */
    public List<SnapshotInfo> snapshotAgents() {
        return RestJson.snapshotInfos(send("GET", "/v1/snapshots", null, "snapshots").path("agents"));
    }

    /** {@code GET /v1/registry/topics}: every descriptor in full, and the ones that failed to load. */
    public JsonNode registryTopics() {
        return send("GET", "/v1/registry/topics", null, "registry listing");
    }

    /** {@code GET /v1/registry/topics/{name}}; {@code not_found} for a topic without a descriptor. */
    public JsonNode registryTopic(String name) {
        return send("GET", "/v1/registry/topics/" + segment(name), null, "descriptor of '" + name + "'");
    }

    /** {@code POST /v1/registry/topics/{name}/validate}: the payload against {@code version}, or the latest if null. */
    public JsonNode validatePayload(String topic, String version, JsonNode payload) {
        return send("POST", "/v1/registry/topics/" + segment(topic) + "/validate" + new Query().add("version", version),
                payload.toString(), "validation against '" + topic + "'");
    }

    /** {@code POST /v1/registry/topics/{name}/versions}: the compatibility verdict, and the version if registered. */
    public JsonNode registerSchema(String topic, JsonNode schema, boolean dryRun) {
        return send("POST", "/v1/registry/topics/" + segment(topic) + "/versions"
                        + new Query().add("dry_run", dryRun ? Boolean.TRUE : null),
                Json.object().set("schema", schema).toString(), "registration for '" + topic + "'");
    }

    /** {@code GET /healthz}: "ok", or "shutting_down" while the server drains (that answer is not an error). */
    public String health() {
        HttpResponse<String> response = exchange("GET", "/healthz", null, "health check");
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200 || (response.statusCode() == 503 && body != null && body.has("status"))) {
            return body == null ? "ok" : body.path("status").asText("ok");
        }
        throw RestJson.error(response.statusCode(), body, "health check");
    }

    private JsonNode send(String method, String pathAndQuery, String body, String what) {
        HttpResponse<String> response = exchange(method, pathAndQuery, body, what);
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw RestJson.error(response.statusCode(), json, what);
        }
        return json == null ? Json.object() : json;
    }

    private HttpResponse<String> exchange(String method, String pathAndQuery, String body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KmbException(ErrorCode.UNAVAILABLE, what + " failed: cannot reach " + base + ": "
                    + Failures.describe(e), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmbException(ErrorCode.UNAVAILABLE, what + " was interrupted");
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Builds a query string from the parameters that are set. */
    private static final class Query {
        private final StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");

        Query add(String name, Object value) {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
            return this;
        }

        @Override
        public String toString() {
            return joined.toString();
        }
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.shutdownNow();
        }
    }
}
