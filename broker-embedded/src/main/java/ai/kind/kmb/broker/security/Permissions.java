package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;

/**
 * What one client may do, from the {@code kmb} claim of its token. A client may always subscribe to
 * its own inbox ({@code _inbox.<client_id>} and below), so request and reply work without listing it.
 *
 * @param unrestricted true only when the server runs without auth: every check passes
 */
public record Permissions(FilterRules publish, FilterRules subscribe, boolean admin, boolean unrestricted) {
    public static final Permissions UNRESTRICTED = new Permissions(FilterRules.NONE, FilterRules.NONE, true, true);
    public static final Permissions NONE = new Permissions(FilterRules.NONE, FilterRules.NONE, false, false);

    public boolean mayPublish(String topic) {
        return unrestricted || publish.permits(topic);
    }

    public boolean maySubscribe(String topic, String clientId) {
        return unrestricted || isOwnInbox(topic, clientId) || subscribe.permits(topic);
    }

    /** False when no topic the filter matches could ever be delivered: the subscribe is refused at once. */
    public boolean maySubscribeFilter(TopicFilter filter, String clientId) {
        return unrestricted || isOwnInbox(filter.text(), clientId) || subscribe.mayOverlap(filter);
    }

    /** True when every topic the filter matches may be published to. */
    public boolean mayPublishAll(TopicFilter filter) {
        return unrestricted || publish.permitsAll(filter);
    }

    /** True when every topic the filter matches may be received, not merely some of them. */
    public boolean maySubscribeAll(TopicFilter filter, String clientId) {
        return unrestricted || isOwnInbox(filter.text(), clientId) || subscribe.permitsAll(filter);
    }

    public boolean isAdmin() {
        return unrestricted || admin;
    }

    /** {@code _inbox.<client_id>} itself or anything below it; wildcards below are allowed too. */
    static boolean isOwnInbox(String topicOrFilter, String clientId) {
        String inbox = Inboxes.of(clientId);
        return topicOrFilter.equals(inbox) || topicOrFilter.startsWith(inbox + ".");
    }
}
