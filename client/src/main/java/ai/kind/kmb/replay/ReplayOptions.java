package ai.kind.kmb.replay;

import ai.kind.kmb.TopicFilter;

/**
 * How to replay. {@code filter} selects which messages of the source take part (null: all of
 * them, system topics included, since a source holds only what was chosen to keep); {@code durable}
 * is how each replayed message is published.
 */
public record ReplayOptions(TopicFilter filter, ReplayTarget target, ReplaySpeed speed, boolean durable) {
    public static final ReplayOptions DEFAULT = new ReplayOptions(null, ReplayTarget.ORIGINAL, ReplaySpeed.REAL_TIME,
            false);

    public ReplayOptions {
        target = target == null ? ReplayTarget.ORIGINAL : target;
        speed = speed == null ? ReplaySpeed.REAL_TIME : speed;
    }

    public boolean matches(String topic) {
        return filter == null || filter.matches(topic);
    }

    public ReplayOptions withFilter(String newFilter) {
        return new ReplayOptions(newFilter == null ? null : TopicFilter.parse(newFilter), target, speed, durable);
    }

    public ReplayOptions withTarget(ReplayTarget newTarget) {
        return new ReplayOptions(filter, newTarget, speed, durable);
    }

    public ReplayOptions withSpeed(ReplaySpeed newSpeed) {
        return new ReplayOptions(filter, target, newSpeed, durable);
    }

    public ReplayOptions withDurable(boolean newDurable) {
        return new ReplayOptions(filter, target, speed, newDurable);
    }
}
