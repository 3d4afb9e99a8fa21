package ai.kind.kmb;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to subscribe to and how. A subscription without {@code durableName} is ephemeral: at most
 * once, from now on. A named one is durable: at least once, its position kept across restarts.
 * Members of one {@code group} share the messages, each message going to one of them.
 *
 * @param ackWait    how long a delivery may stay unacknowledged before it is redelivered
 * @param backoff    delays before each redelivery after a nack or an ack time-out, by attempt (the last
 *                   repeats); empty redelivers at once, which {@code maxDeliver} still bounds
 * @param maxDeliver deliveries before a message is dead-lettered (reason {@code max_deliveries})
 * @param observer   an ephemeral subscription that watches without answering: it receives messages,
 *                   but does not count as a responder, so a command or query that only observers
 *                   match still fails with {@code no_responders} (KMB Studio's live feed is one)
 */
public record SubscribeOptions(
        String filter,
        String durableName,
        String group,
        AckMode ackMode,
        int maxInflight,
        StartPosition from,
        Duration ackWait,
        List<Duration> backoff,
        int maxDeliver,
        boolean observer) {

    public static final int DEFAULT_MAX_INFLIGHT = 1000;
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_DELIVER = 5;

    public SubscribeOptions {
        TopicFilter.parse(filter);
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(ackWait, "ackWait");
        backoff = backoff == null ? List.of() : List.copyOf(backoff);
        if (durableName != null && durableName.isBlank()) {
            throw refused("durable", "durable name", "must not be blank", "'" + durableName + "'");
        }
        if (group != null && group.isBlank()) {
            throw refused("group", "group", "must not be blank", "'" + group + "'");
        }
        if (observer && durableName != null) {
            throw refused("observe", "observe", "is for ephemeral subscriptions; a durable one is a responder",
                    durableName);
        }
        if (maxInflight < 1) {
            throw refused("max_inflight", "max_inflight", "must be at least 1", maxInflight);
        }
        if (maxDeliver < 1) {
            throw refused("max_deliver", "max_deliver", "must be at least 1", maxDeliver);
        }
        if (ackWait.isNegative() || ackWait.isZero()) {
            throw refused("ack_wait", "ack_wait", "must be positive", ackWait);
        }
        for (int i = 0; i < backoff.size(); i++) {
            // A delay stands in for ack_wait on its attempt, so it obeys the same rule.
            if (backoff.get(i).isNegative() || backoff.get(i).isZero()) {
                throw refused("backoff", "backoff delay " + (i + 1), "must be positive", backoff.get(i));
            }
        }
    }

    private static KmbException refused(String field, String what, String rule, Object got) {
        return new KmbException(ErrorCode.BAD_REQUEST, what + " " + rule + ", got " + got,
                List.of(new ErrorDetail(field, rule)));
    }

    public static SubscribeOptions ephemeral(String filter) {
        return new SubscribeOptions(filter, null, null, AckMode.AUTO, DEFAULT_MAX_INFLIGHT, StartPosition.NEW,
                DEFAULT_ACK_WAIT, List.of(), DEFAULT_MAX_DELIVER, false);
    }

    public static SubscribeOptions durable(String name, String filter) {
        return ephemeral(filter).withDurableName(name);
    }

    public boolean isDurable() {
        return durableName != null;
    }

    public TopicFilter topicFilter() {
        return TopicFilter.parse(filter);
    }

    public SubscribeOptions withDurableName(String name) {
        return new SubscribeOptions(filter, name, group, ackMode, maxInflight, from, ackWait, backoff,
                maxDeliver, observer);
    }

    public SubscribeOptions withGroup(String newGroup) {
        return new SubscribeOptions(filter, durableName, newGroup, ackMode, maxInflight, from, ackWait, backoff,
                maxDeliver, observer);
    }

    public SubscribeOptions withAckMode(AckMode mode) {
        return new SubscribeOptions(filter, durableName, group, mode, maxInflight, from, ackWait, backoff,
                maxDeliver, observer);
    }

    public SubscribeOptions withMaxInflight(int newMaxInflight) {
        return new SubscribeOptions(filter, durableName, group, ackMode, newMaxInflight, from, ackWait, backoff,
                maxDeliver, observer);
    }

    public SubscribeOptions withFrom(StartPosition position) {
        return new SubscribeOptions(filter, durableName, group, ackMode, maxInflight, position, ackWait, backoff,
                maxDeliver, observer);
    }

    public SubscribeOptions withAckWait(Duration wait) {
        return new SubscribeOptions(filter, durableName, group, ackMode, maxInflight, from, wait, backoff,
                maxDeliver, observer);
    }

    public SubscribeOptions withBackoff(List<Duration> delays) {
        return new SubscribeOptions(filter, durableName, group, ackMode, maxInflight, from, ackWait, delays,
                maxDeliver, observer);
    }

    public SubscribeOptions withMaxDeliver(int deliveries) {
        return new SubscribeOptions(filter, durableName, group, ackMode, maxInflight, from, ackWait, backoff,
                deliveries, observer);
    }

    /** Marks an ephemeral subscription as an observer: it sees messages but answers none. */
    public SubscribeOptions withObserver(boolean watchOnly) {
        return new SubscribeOptions(filter, durableName, group, ackMode, maxInflight, from, ackWait, backoff,
                maxDeliver, watchOnly);
    }

    /** The delay before redelivery number {@code attempt} (1 is the first redelivery). */
    public Duration redeliveryDelay(int attempt) {
        if (backoff.isEmpty()) {
            return Duration.ZERO;
        }
        return backoff.get(Math.min(attempt, backoff.size()) - 1);
    }
}
