package ai.kind.kmb.broker.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reply addresses of the commands and queries delivered to one connection: its client may
 * answer them whatever its publish permissions say, as NATS's allow_responses does. Bounded, oldest
 * forgotten first, so a flood of requests cannot grow it without end.
 */
public final class ReplyGrants {
    public static final int MAX_GRANTS = 10_000;

    private final Map<String, Boolean> grants = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_GRANTS;
        }
    };

    public synchronized void grant(String replyTo) {
        grants.put(replyTo, Boolean.TRUE);
    }

    public synchronized boolean granted(String topic) {
        return grants.containsKey(topic);
    }
}
