package ai.kind.kmb;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A point in {@link KmbClient} where listeners are told what happens. Listeners observe: what they
 * throw is reported to {@code on_error} and never stops the operation or the connection. They run
 * on the thread of the operation (the publisher's, or the subscription's), so they should be quick.
 *
 * <ul>
 *   <li>{@code before_publish}: a message, transformed, is about to be published.</li>
 *   <li>{@code after_publish}: the bus acknowledged or refused a publish.</li>
 *   <li>{@code on_message}: a delivery, transformed, is about to reach middleware and handler.</li>
 *   <li>{@code on_error}: a publish, handler, middleware, transformer, hook or the connection failed.</li>
 *   <li>{@code on_connect}: a remote bus connected again, subscriptions restored.</li>
 *   <li>{@code on_disconnect}: a remote bus lost its connection and is reconnecting.</li>
 * </ul>
 *
 * @param <E> the event its listeners receive
 */
public final class Hook<E extends HookEvent> {
    public static final Hook<HookEvent.BeforePublish> BEFORE_PUBLISH =
            new Hook<>("before_publish", HookEvent.BeforePublish.class);
    public static final Hook<HookEvent.AfterPublish> AFTER_PUBLISH =
            new Hook<>("after_publish", HookEvent.AfterPublish.class);
    public static final Hook<HookEvent.OnMessage> ON_MESSAGE = new Hook<>("on_message", HookEvent.OnMessage.class);
    public static final Hook<HookEvent.OnError> ON_ERROR = new Hook<>("on_error", HookEvent.OnError.class);
    public static final Hook<HookEvent.OnConnect> ON_CONNECT = new Hook<>("on_connect", HookEvent.OnConnect.class);
    public static final Hook<HookEvent.OnDisconnect> ON_DISCONNECT =
            new Hook<>("on_disconnect", HookEvent.OnDisconnect.class);

    private static final List<Hook<?>> ALL = List.of(BEFORE_PUBLISH, AFTER_PUBLISH, ON_MESSAGE, ON_ERROR, ON_CONNECT,
            ON_DISCONNECT);

    private final String name;
    private final Class<E> eventType;

    private Hook(String name, Class<E> eventType) {
        this.name = name;
        this.eventType = eventType;
    }

    public String name() {
        return name;
    }

    public Class<E> eventType() {
        return eventType;
    }

    public static List<Hook<?>> all() {
        return ALL;
    }

    /** The hook with this name ({@code before_publish}, ...), or an error listing the names there are. */
    public static Hook<?> named(String name) {
        for (Hook<?> hook : ALL) {
            if (hook.name.equals(name)) {
                return hook;
            }
        }
        throw new IllegalArgumentException("no hook named '" + name + "'; the hooks are "
                + ALL.stream().map(Hook::name).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return name;
    }
}
