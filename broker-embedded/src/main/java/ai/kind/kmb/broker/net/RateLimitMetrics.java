package ai.kind.kmb.broker.net;

import ai.kind.kmb.limits.RateLimitStats;
import java.util.List;
import java.util.function.ToLongFunction;

/** The rate-limit counters in {@code /metrics}: one series per configured limit, labelled by scope and filter
 * (filters hold no character a label value would have to escape). */
final class RateLimitMetrics {
    private RateLimitMetrics() {
    }

    static void render(StringBuilder out, List<RateLimitStats> limits) {
        if (limits.isEmpty()) {
            return;
        }
        series(out, "kmb_rate_limit_allowed_total", "Publishes a rate limit let through at once.", limits,
                RateLimitStats::allowed);
        series(out, "kmb_rate_limit_throttled_total", "Publishes a rate limit let through after a wait.", limits,
                RateLimitStats::throttled);
        series(out, "kmb_rate_limit_rejected_total", "Publishes a rate limit refused with rate_limited.", limits,
                RateLimitStats::rejected);
    }

    private static void series(StringBuilder out, String name, String help, List<RateLimitStats> limits,
                               ToLongFunction<RateLimitStats> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        for (RateLimitStats limit : limits) {
            out.append(name).append("{scope=\"").append(limit.scope()).append("\",filter=\"")
                    .append(limit.filter()).append("\"} ").append(value.applyAsLong(limit)).append('\n');
        }
    }
}
