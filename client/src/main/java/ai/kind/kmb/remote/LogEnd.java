package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds the highest offset of a server's durable log. The REST routes under {@code /v1} do not
 * tell it: history pages run oldest first and carry no total. The server's {@code GET /metrics}
 * does ({@value #METRIC}), in one small request, so that is asked first. When it cannot say (a
 * server that protects or lacks the route, or leaves the gauge out), a search over history finds
 * it with single-message pages: galloping forward, then halving, about 2 log2(offset) requests
 * instead of reading the whole log.
 */
final class LogEnd {
    static final String METRIC = "kmb_store_last_offset";
    private static final long FIRST_STRIDE = 1024;

    private final URI metrics;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final RestClient rest;

    LogEnd(URI httpBase, String token, Duration timeout, HttpClient http, RestClient rest) {
        String base = httpBase.toString();
        this.metrics = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/metrics");
        this.token = token;
        this.timeout = timeout;
        this.http = http;
        this.rest = rest;
    }

    long lastOffset() {
        OptionalLong reported = fromMetrics();
        return reported.isPresent() ? reported.getAsLong() : search();
    }

    /** The gauge, or empty when the server does not give it to us. */
    OptionalLong fromMetrics() {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(timeout).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "last offset failed: cannot reach " + metrics + ": "
                    + Failures.describe(e), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmbException(ErrorCode.UNAVAILABLE, "last offset was interrupted");
        }
        if (response.statusCode() != 200) {
            return OptionalLong.empty();
        }
        return parse(response.body());
    }

    /** Reads the gauge's sample line from Prometheus text; the value may be written as a float. */
    static OptionalLong parse(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith(METRIC + " ")) {
                try {
                    return OptionalLong.of((long) Double.parseDouble(line.substring(METRIC.length() + 1).strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Invariant of the halving: a message at {@code known} exists and none lies after {@code beyond}.
     * Messages appended meanwhile may move the end on; the answer is an end the log had.
     */
    long search() {
        long known = firstAfter(0);
        if (known < 0) {
            return 0;
        }
        long stride = FIRST_STRIDE;
        long beyond;
        while (true) {
            long probe = known + stride;
            long next = firstAfter(probe);
            if (next < 0) {
                beyond = probe;
                break;
            }
            known = next;
            stride = Math.min(stride * 2, Long.MAX_VALUE / 4);
        }
        while (known < beyond) {
            long middle = known + (beyond - known) / 2;
            long next = firstAfter(middle);
            if (next < 0) {
                beyond = middle;
            } else {
                known = next;
            }
        }
        return known;
    }

    /** The offset of the first stored message after {@code offset}, or -1 when there is none. */
    private long firstAfter(long offset) {
        HistoryPage page = rest.history(new HistoryRequest(null, null, null, null, 1, offset));
        return page.messages().isEmpty() ? -1 : page.messages().getFirst().offset();
    }
}
