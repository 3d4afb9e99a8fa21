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
import java.util.List;

/** Turns a {@code sub} frame into subscribe options, each refusal naming the frame's field. */
final class SubscribeFrames {
    /**
     * The most deliveries one network subscription may have buffered or in flight. An ephemeral
     * subscription allocates its buffer up front, so a client asking for a billion would otherwise
     * take the heap.
     */
    static final int MAX_INFLIGHT_CAP = 10_000;

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
        if (Boolean.TRUE.equals(sub.observe())) {
            options = options.withObserver(true);
        }
        return options;
    }

    private static KmbException refused(String field, String reason, Throwable cause) {
        return new KmbException(ErrorCode.BAD_REQUEST, field + " " + reason, List.of(new ErrorDetail(field, reason)),
                cause);
    }
}
