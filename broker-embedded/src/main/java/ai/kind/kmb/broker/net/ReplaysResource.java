package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.security.Identity;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.history.History;
import ai.kind.kmb.replay.ReplayEngine;
import ai.kind.kmb.replay.ReplayOptions;
import ai.kind.kmb.replay.ReplaySession;
import ai.kind.kmb.replay.ReplaySource;
import ai.kind.kmb.replay.ReplayTarget;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays of stored history: {@code /v1/replays}. A replay over REST reads a stored range only; a
 * recording file is replayed in process (KMB Studio, kmbctl on the same machine), because a server
 * that opened any path a client names would hand out its files.
 *
 * <p>Anyone may replay what they could have replayed by hand: reading every topic of the filter
 * and publishing to every topic it writes (an admin may replay anything). A replay is shown and
 * controlled only by the client that started it and by admins; to others it does not exist.
 */
final class ReplaysResource {
    /** How long a step waits for its publish to settle before answering with the progress so far. */
    static final long STEP_PATIENCE_SECONDS = 10;

    private final ReplayEngine engine;
    private final History history;
    private final ShutdownState shutdown;
    private final ServerSecurity security;

    ReplaysResource(ReplayEngine engine, History history, ShutdownState shutdown, ServerSecurity security) {
        this.engine = engine;
        this.history = history;
        this.shutdown = shutdown;
        this.security = security;
    }

    void register(HttpRouter router) {
        router.add("POST", "/v1/replays", this::start)
                .add("GET", "/v1/replays", this::list)
                .add("GET", "/v1/replays/{id}", request -> RestResponse.ok(ReplayJson.detail(session(request))))
                .add("POST", "/v1/replays/{id}/{action}", this::control)
                .add("DELETE", "/v1/replays/{id}", this::remove);
    }

    /** Starts a replay of {@code [from, to)} (running, or paused before its first message). */
    private RestResponse start(RestRequest request) {
        shutdown.requireRunning();
        ReplayJson.Request asked = ReplayJson.request(request.body());
        requireMayReplay(request.caller(), asked.options());
        ReplaySource.StoredRange source;
        try {
            source = new ReplaySource.StoredRange(history, asked.from(), asked.to());
        } catch (IllegalArgumentException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, e.getMessage(), List.of(new ErrorDetail("to", e.getMessage())));
        }
        // What an admin replays keeps its publishers, as recorded; anyone else's replay is theirs.
        Identity caller = request.caller();
        ReplaySession session = engine.create(source, asked.options(), caller.clientId(),
                caller.permissions().isAdmin() ? null : ServerSecurity.auth(caller));
        if (asked.paused()) {
            session.startPaused();
        } else {
            session.start();
        }
        return RestResponse.json(201, ReplayJson.progress(session))
                .withHeader("Location", "/v1/replays/" + session.id());
    }

    /**
     * Refuses, naming the filter and the permission, a replay the caller could not do by hand. A
     * replay without a filter reads every stored topic, other clients' inboxes too: admins only.
     */
    private void requireMayReplay(Identity caller, ReplayOptions options) {
        if (caller.permissions().isAdmin()) {
            return;
        }
        TopicFilter read = options.filter();
        if (read == null) {
            throw security.refuse(caller, ServerSecurity.SUBSCRIBE, "every topic", "every topic, system topics "
                    + "included, which a replay without a filter reads; name the topics to replay in 'filter'");
        }
        security.requireSubscribeAll(caller, read, "which the replay reads");
        ReplayTarget target = options.target();
        security.requirePublishAll(caller, written(target, read), "where the replay publishes ("
                + (target instanceof ReplayTarget.Prefix prefix ? "under the prefix '" + prefix.prefix() + "'"
                        : "to the original topics") + ")");
    }

    private static TopicFilter written(ReplayTarget target, TopicFilter read) {
        try {
            return target.apply(read);
        } catch (InvalidTopicException e) {
            String broken = e.details().isEmpty() ? e.getMessage() : e.details().getFirst().reason();
            String reason = "the prefix '" + target.wireForm() + "' before the filter '" + read.text()
                    + "' makes a filter that " + broken;
            throw new KmbException(ErrorCode.BAD_REQUEST, "target: " + reason,
                    List.of(new ErrorDetail("target", reason)));
        }
    }

    private RestResponse list(RestRequest request) {
        ObjectNode body = Json.object();
        ArrayNode replays = body.putArray("replays");
        engine.sessions().stream()
                .filter(session -> maySee(request.caller(), session))
                .forEach(session -> replays.add(ReplayJson.progress(session)));
        return RestResponse.ok(body);
    }

    /** pause, resume, step (one message while paused) or cancel; answers with the progress after it. */
    private RestResponse control(RestRequest request) {
        ReplaySession session = session(request);
        switch (request.pathParam("action")) {
            case "pause" -> session.pause();
            case "resume" -> session.resume();
            case "cancel" -> session.cancel();
            case "step" -> awaitStep(session);
            default -> throw new KmbException(ErrorCode.NOT_FOUND, "a replay has no action '"
                    + request.pathParam("action") + "'; use pause, resume, step or cancel");
        }
        return RestResponse.ok(ReplayJson.progress(session));
    }

    private static void awaitStep(ReplaySession session) {
        try {
            session.step().get(STEP_PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // The step goes on; the answer shows the progress so far and a later GET the rest.
        } catch (ExecutionException e) {
            throw Errors.toKmb(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.unavailable("interrupted while stepping the replay");
        }
    }

    /** Cancels the replay if it is going and forgets it. */
    private RestResponse remove(RestRequest request) {
        String id = session(request).id();
        if (!engine.remove(id)) {
            throw notFound(id);
        }
        return RestResponse.noContent();
    }

    /** The replay named in the path, if the caller may see it: not_found alike when absent or another's. */
    private ReplaySession session(RestRequest request) {
        String id = request.pathParam("id");
        return engine.session(id).filter(session -> maySee(request.caller(), session)).orElseThrow(() -> notFound(id));
    }

    private static boolean maySee(Identity caller, ReplaySession session) {
        return caller.permissions().isAdmin() || caller.clientId().equals(session.startedBy());
    }

    private static KmbException notFound(String id) {
        return new KmbException(ErrorCode.NOT_FOUND, "no replay with id '" + id + "'");
    }
}
