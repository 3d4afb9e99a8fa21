package ai.kind.kmb.broker.net;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.protocol.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@code sub} frame into subscribe options, each refusal naming the frame's field. */
final class SubscribeFrames {
    /**
     * The most deliveries one network subscription may have buffered or in flight. An ephemeral
     * subscription allocates its buffer up front, so a client asking for a billion would otherwise
     * take the heap.
     */
    static final int MAX_INFLIGHT_CAP = 10_000;
    /**
     * The most redelivery delays one subscription may list. The last delay repeats for every later
     * attempt, so a longer list buys nothing that {@code max_deliver} would not cut short anyway.
     */
    static final int MAX_BACKOFF_DELAYS = 32;

    private SubscribeFrames() {
    }

    static SubscribeOptions options(Frame.Sub sub) {
        SubscribeOptions options;
        try {
            options = SubscribeOptions.ephemeral(sub.filter());
        } catch (InvalidTopicException e) {
            throw refused("filter", e.details().isEmpty() ? e.getMessage() : e.details().getFirst().reason(), e);
        }
        if (sub.maxInflight() != null && sub.maxInflight() > MAX_INFLIGHT_CAP) {
            throw refused("max_inflight", "must be at most " + MAX_INFLIGHT_CAP + ", got " + sub.maxInflight(), null);
        }
        if (sub.durable() != null) {
            options = options.withDurableName(sub.durable());
        }
        if (sub.group() != null) {
            options = options.withGroup(sub.group());
        }
        if (sub.ack() != null) {
            options = options.withAckMode(AckMode.fromWireName(sub.ack()));
        }
        if (sub.maxInflight() != null) {
            options = options.withMaxInflight(sub.maxInflight());
        }
        if (sub.from() != null) {
            options = options.withFrom(StartPosition.parse(sub.from()));
        }
        if (sub.ackWaitMs() != null) {
            if (sub.ackWaitMs() < 1) {
                throw refused("ack_wait_ms", "must be at least 1, got " + sub.ackWaitMs(), null);
            }
            options = options.withAckWait(Duration.ofMillis(sub.ackWaitMs()));
        }
        if (sub.maxDeliver() != null) {
            options = options.withMaxDeliver(sub.maxDeliver());
        }
        if (sub.backoffMs() != null) {
            options = options.withBackoff(backoff(sub.backoffMs()));
        }
        if (Boolean.TRUE.equals(sub.observe())) {
            options = options.withObserver(true);
        }
        return options;
    }

    /** The delays of {@code backoff_ms}; an ephemeral subscription keeps them unused, as it does ack_wait_ms. */
    private static List<Duration> backoff(List<Long> millis) {
        if (millis.size() > MAX_BACKOFF_DELAYS) {
            throw refused("backoff_ms", "has " + millis.size() + " delays, more than the " + MAX_BACKOFF_DELAYS
                    + " allowed (the last delay repeats for every later attempt)", null);
        }
        List<Duration> delays = new ArrayList<>(millis.size());
        for (int i = 0; i < millis.size(); i++) {
            if (millis.get(i) < 1) {
                throw refused("backoff_ms", "element " + (i + 1) + " of " + millis.size()
                        + " must be at least 1 (milliseconds), got " + millis.get(i), null);
            }
            delays.add(Duration.ofMillis(millis.get(i)));
        }
        return delays;
    }

    private static KmbException refused(String field, String reason, Throwable cause) {
        return new KmbException(ErrorCode.BAD_REQUEST, field + " " + reason, List.of(new ErrorDetail(field, reason)),
                cause);
    }
}
