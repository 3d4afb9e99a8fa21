package ai.kind.kmb.broker.security;

import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code kmb} claim: {@code {"pub": {"allow": [...], "deny": [...]}, "sub": {...},
 * "admin": false}}. A malformed claim refuses the token rather than granting less or more than meant.
 */
final class PermissionsClaim {
    static final String NAME = "kmb";

    private PermissionsClaim() {
    }

    static Permissions parse(Map<String, Object> claim) {
        Object admin = claim.getOrDefault("admin", false);
        if (!(admin instanceof Boolean isAdmin)) {
            throw TokenVerifier.unauthorized("kmb.admin", "must be true or false");
        }
        return new Permissions(rules(claim.get("pub"), "kmb.pub"), rules(claim.get("sub"), "kmb.sub"), isAdmin, false);
    }

    private static FilterRules rules(Object section, String where) {
        if (section == null) {
            return FilterRules.NONE;
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw TokenVerifier.unauthorized(where, "must be an object with 'allow' and 'deny' lists");
        }
        return new FilterRules(filters(map.get("allow"), where + ".allow"), filters(map.get("deny"), where + ".deny"));
    }

    private static List<TopicFilter> filters(Object list, String where) {
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw TokenVerifier.unauthorized(where, "must be a list of topic filters");
        }
        List<TopicFilter> filters = new ArrayList<>();
        for (Object item : items) {
            try {
                filters.add(TopicFilter.parse(String.valueOf(item)));
            } catch (InvalidTopicException e) {
                throw TokenVerifier.unauthorized(where, "holds '" + item + "', which is not a topic filter");
            }
        }
        return filters;
    }
}
