package ai.kind.kmb.registry;

/** A topic's publish rate limit as its descriptor states it: a sustained rate and a burst. */
public record RateLimit(double perSecond, int burst) {
    public RateLimit {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate limit must be above 0 per second, got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be at least 1, got " + burst);
        }
    }
}
