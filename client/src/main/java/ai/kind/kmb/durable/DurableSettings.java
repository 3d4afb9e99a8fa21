package ai.kind.kmb.durable;

import java.time.Duration;
import java.util.List;

/**
 * How a broker delivers a durable: the settings of the subscribe that started the durable on it
 * (a later subscriber's do not change them). Each node of a shared bus has its own, from the
 * subscribe that started the durable there.
 *
 * @param ackWait     how long a delivery may stay unacknowledged before it is redelivered
 * @param maxDeliver  deliveries before a message is dead-lettered
 * @param backoff     the delays before each redelivery, by attempt (the last repeats); empty redelivers at once
 * @param maxInflight the most deliveries out unacknowledged at once, across the members on that broker
 */
public record DurableSettings(Duration ackWait, int maxDeliver, List<Duration> backoff, int maxInflight) {
    public DurableSettings {
        backoff = List.copyOf(backoff);
    }
}
