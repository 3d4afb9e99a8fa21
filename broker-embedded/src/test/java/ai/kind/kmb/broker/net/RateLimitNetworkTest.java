package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.ratelimit.LimitMode;
import ai.kind.kmb.broker.ratelimit.LimitSpec;
import ai.kind.kmb.broker.ratelimit.RateLimitConfig;
import ai.kind.kmb.broker.ratelimit.TopicLimit;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RestClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as clients meet them: over the WebSocket through the SDK and over REST. The rates are
 * so low (one token in 1,000 s) that no token comes back during a test: the counts do not depend
 * on how fast the machine is.
 */
class RateLimitNetworkTest {
    private static final LimitSpec THREE_THEN_NOTHING = new LimitSpec(0.001, 3, LimitMode.REJECT, Duration.ZERO);

    private final TestServer server = new TestServer();
    private final Http http = new Http(server.url(""));

    @AfterEach
    void close() {
        server.close();
    }

    private KmbClient client(String clientId) {
        return KmbClient.connect(RemoteBusOptions.defaults(URI.create(server.url(""))).withClientId(clientId));
    }

    /** Publishes {@code count} messages and returns the errors of those refused. */
    private static List<KmbException> publishMany(KmbClient client, String topic, int count) {
        List<KmbException> refused = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                client.publish(Envelope.event(topic, Json.object().put("n", i)), PublishOptions.EPHEMERAL).join();
            } catch (CompletionException e) {
                refused.add((KmbException) e.getCause());
            }
        }
        return refused;
    }

    @Test
    void aClientBurstPastItsBucketIsRefusedWithRateLimitedAndARetryAfter() {
        server.broker.rateLimits().configure(new RateLimitConfig(THREE_THEN_NOTHING, List.of()));
        try (KmbClient agent = client("agent-7"); KmbClient other = client("agent-8")) {
            List<KmbException> refused = publishMany(agent, "orders.created", 10);
            List<KmbException> otherRefused = publishMany(other, "orders.created", 3);

            assertThat(refused).hasSize(7).allSatisfy(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(error.getMessage()).contains("client 'agent-7'");
                assertThat(error.details()).extracting(ErrorDetail::field).contains(KmbException.RETRY_AFTER_FIELD);
                assertThat(error.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
            });
            assertThat(otherRefused).isEmpty();
        }
        assertThat(server.broker.rateLimits().stats()).singleElement().satisfies(stats -> {
            assertThat(stats.allowed()).isEqualTo(6);
            assertThat(stats.rejected()).isEqualTo(7);
        });
    }

    @Test
    void restAnswers429WithARetryAfterHeader() {
        server.broker.rateLimits().configure(new RateLimitConfig(new LimitSpec(0.5, 1, LimitMode.REJECT,
                Duration.ZERO), List.of()));
        String body = "{\"topic\":\"orders.created\",\"type\":\"event\",\"payload\":{}}";
        // One HTTP connection is one client: the JDK client keeps the connection alive between calls.
        Http.Answer first = http.post("/v1/messages", body);
        Http.Answer second = http.post("/v1/messages", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(second.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(second.json().get("details").findValuesAsText("field")).contains(KmbException.RETRY_AFTER_FIELD);
    }

    @Test
    void countersShowInMetricsTheLimitsRouteAndBothConnections() {
        server.broker.rateLimits().configure(new RateLimitConfig(null,
                List.of(new TopicLimit(TopicFilter.parse("agent.#"), THREE_THEN_NOTHING))));
        try (KmbClient agent = client("agent-7")) {
            assertThat(publishMany(agent, "agent.status", 5)).hasSize(2);
            assertThat(publishMany(agent, "orders.created", 5)).isEmpty();
        }

        assertThat(http.get("/metrics").body())
                .contains("kmb_rate_limit_allowed_total{scope=\"topic\",filter=\"agent.#\"} 3")
                .contains("kmb_rate_limit_throttled_total{scope=\"topic\",filter=\"agent.#\"} 0")
                .contains("kmb_rate_limit_rejected_total{scope=\"topic\",filter=\"agent.#\"} 2");
        RateLimitStats expected = new RateLimitStats("topic", "agent.#", 0.001, 3, "reject", 3, 0, 2);
        try (RestClient rest = RestClient.of(RemoteBusOptions.defaults(URI.create(server.url(""))))) {
            assertThat(rest.limits()).containsExactly(expected);
        }
        assertThat(new EmbeddedConnection(server.broker, "embedded").limits()).containsExactly(expected);
    }

    @Test
    void withoutLimitsTheRouteIsEmptyAndMetricsHaveNoLimitSeries() {
        assertThat(http.get("/v1/limits").json().get("limits")).isEmpty();
        assertThat(http.get("/metrics").body()).doesNotContain("kmb_rate_limit");
    }
}
