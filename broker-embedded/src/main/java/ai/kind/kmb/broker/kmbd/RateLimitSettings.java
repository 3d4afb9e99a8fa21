package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.ratelimit.LimitMode;
import ai.kind.kmb.broker.ratelimit.LimitSpec;
import ai.kind.kmb.broker.ratelimit.TopicLimit;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code kmb.rate_limits.client} (one mapping) and {@code kmb.rate_limits.topics} (a list of
 * mappings with a {@code filter}): {@code rate} per second, {@code burst} (default: the rate,
 * rounded up), {@code mode} {@code reject} (default) or {@code throttle}, and {@code max_wait} for
 * throttling (default 1s).
 */
final class RateLimitSettings {
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
    private static final Set<String> CLIENT_KEYS = Set.of("rate", "burst", "mode", "max_wait");
    private static final Set<String> TOPIC_KEYS = Set.of("filter", "rate", "burst", "mode", "max_wait");

    private RateLimitSettings() {
    }

    static LimitSpec client(String text) {
        JsonNode node = StructuredValues.tree(text);
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be a mapping with rate, burst, mode and max_wait");
        }
        StructuredValues.onlyKeys(node, "", CLIENT_KEYS);
        return spec(node, "");
    }

    static List<TopicLimit> topics(String text) {
        List<JsonNode> items = StructuredValues.mappings(StructuredValues.tree(text));
        List<TopicLimit> limits = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "[" + i + "]";
            JsonNode item = items.get(i);
            StructuredValues.onlyKeys(item, where, TOPIC_KEYS);
            String filter = StructuredValues.text(item, "filter", where);
            if (filter == null) {
                throw StructuredValues.at(where + ".filter", "is required, such as agent.#");
            }
            try {
                limits.add(new TopicLimit(TopicFilter.parse(filter), spec(item, where)));
            } catch (InvalidTopicException e) {
                throw StructuredValues.at(where + ".filter", e.getMessage());
            }
        }
        return List.copyOf(limits);
    }

    private static LimitSpec spec(JsonNode node, String where) {
        JsonNode rate = node.get("rate");
        if (rate == null || !rate.isNumber() || !(rate.asDouble() > 0)) {
            throw StructuredValues.at(where + ".rate", "is required: a positive number of messages per second");
        }
        JsonNode burstNode = node.get("burst");
        if (burstNode != null && (!burstNode.canConvertToLong() || !burstNode.isIntegralNumber()
                || burstNode.asLong() < 1)) {
            throw StructuredValues.at(where + ".burst", "must be a whole number of at least 1");
        }
        long burst = burstNode == null ? (long) Math.ceil(rate.asDouble()) : burstNode.asLong();
        String modeText = StructuredValues.text(node, "mode", where);
        LimitMode mode = switch (modeText == null ? "reject" : modeText) {
            case "reject" -> LimitMode.REJECT;
            case "throttle" -> LimitMode.THROTTLE;
            default -> throw StructuredValues.at(where + ".mode", "must be reject or throttle, got '" + modeText + "'");
        };
        String maxWaitText = StructuredValues.text(node, "max_wait", where);
        Duration maxWait;
        try {
            maxWait = maxWaitText == null ? DEFAULT_MAX_WAIT : ValueParsers.duration(maxWaitText);
        } catch (IllegalArgumentException e) {
            throw StructuredValues.at(where + ".max_wait", e.getMessage());
        }
        return new LimitSpec(rate.asDouble(), burst, mode, mode == LimitMode.THROTTLE ? maxWait : Duration.ZERO);
    }
}
