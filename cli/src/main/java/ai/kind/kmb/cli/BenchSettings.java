package ai.kind.kmb.cli;

import java.time.Duration;

/**
 * How to load the bus: {@code count} messages with payloads of about {@code size} bytes, from
 * {@code publishers} connections, at {@code rate} messages per second in all (0: as fast as the
 * acknowledgements allow, each publisher keeping at most {@code window} unacknowledged), then up
 * to {@code drain} for the last deliveries.
 */
record BenchSettings(long count, int size, int publishers, double rate, String topic, boolean durable, int window,
                     Duration drain) {
}
