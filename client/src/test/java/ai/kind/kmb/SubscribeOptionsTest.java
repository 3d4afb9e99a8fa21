package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SubscribeOptionsTest {
    private final SubscribeOptions base = SubscribeOptions.ephemeral("agent.#");

    @Test
    void ephemeralSubscriptionHasTheDefaults() {
        assertThat(base.isDurable()).isFalse();
        assertThat(base.group()).isNull();
        assertThat(base.ackMode()).isEqualTo(AckMode.AUTO);
        assertThat(base.maxInflight()).isEqualTo(SubscribeOptions.DEFAULT_MAX_INFLIGHT);
        assertThat(base.from()).isEqualTo(StartPosition.NEW);
        assertThat(base.ackWait()).isEqualTo(SubscribeOptions.DEFAULT_ACK_WAIT);
        assertThat(base.backoff()).isEmpty();
        assertThat(base.maxDeliver()).isEqualTo(SubscribeOptions.DEFAULT_MAX_DELIVER);
        assertThat(base.topicFilter()).isEqualTo(TopicFilter.parse("agent.#"));
    }

    @Test
    void namedSubscriptionIsDurable() {
        SubscribeOptions durable = SubscribeOptions.durable("orders", "orders.*");

        assertThat(durable.isDurable()).isTrue();
        assertThat(durable.durableName()).isEqualTo("orders");
    }

    @Test
    void redeliveryIsImmediateWithoutBackoff() {
        assertThat(base.withAckWait(Duration.ofSeconds(3)).redeliveryDelay(4)).isEqualTo(Duration.ZERO);
    }

    @Test
    void redeliveryFollowsBackoffAndRepeatsItsLastDelay() {
        SubscribeOptions options = base.withBackoff(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)));

        assertThat(options.redeliveryDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.redeliveryDelay(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.redeliveryDelay(9)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void backoffIsCopied() {
        List<Duration> delays = new ArrayList<>(List.of(Duration.ofSeconds(1)));
        SubscribeOptions options = base.withBackoff(delays);
        delays.add(Duration.ofSeconds(9));

        assertThat(options.backoff()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void invalidFilterIsRefusedSayingWhy() {
        assertRefused(() -> SubscribeOptions.ephemeral("agent.#x"), "topic", "mixes the wildcard '#'");
        assertRefused(() -> SubscribeOptions.ephemeral(""), "topic", "is empty");
        assertRefused(() -> SubscribeOptions.ephemeral(null), "topic", "is empty");
    }

    @Test
    void maxInflightBelowOneIsRefused() {
        assertRefused(() -> base.withMaxInflight(0), "max_inflight", "max_inflight must be at least 1, got 0");
        assertRefused(() -> base.withMaxInflight(-5), "max_inflight", "got -5");
    }

    @Test
    void maxDeliverBelowOneIsRefused() {
        assertRefused(() -> base.withMaxDeliver(0), "max_deliver", "max_deliver must be at least 1, got 0");
    }

    @Test
    void ackWaitMustBePositive() {
        assertRefused(() -> base.withAckWait(Duration.ZERO), "ack_wait", "ack_wait must be positive, got PT0S");
        assertRefused(() -> base.withAckWait(Duration.ofSeconds(-1)), "ack_wait", "got PT-1S");
    }

    @Test
    void backoffDelaysMustBePositive() {
        assertRefused(() -> base.withBackoff(List.of(Duration.ofSeconds(1), Duration.ofSeconds(-2))), "backoff",
                "backoff delay 2 must be positive, got PT-2S");
        assertRefused(() -> base.withBackoff(List.of(Duration.ZERO)), "backoff",
                "backoff delay 1 must be positive, got PT0S");
    }

    @Test
    void blankDurableNameOrGroupIsRefused() {
        assertRefused(() -> SubscribeOptions.durable("", "a"), "durable", "durable name must not be blank");
        assertRefused(() -> SubscribeOptions.durable("  ", "a"), "durable", "durable name must not be blank");
        assertRefused(() -> base.withGroup(""), "group", "group must not be blank");
    }

    private static void assertRefused(Supplier<SubscribeOptions> build, String field, String message) {
        KmbException refused = catchThrowableOfType(KmbException.class, build::get);

        assertThat(refused).as("expected a refusal saying: %s", message).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.getMessage()).contains(message);
        assertThat(refused.details()).extracting(ErrorDetail::field).containsExactly(field);
    }
}
