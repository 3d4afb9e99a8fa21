package ai.kind.kmb;

import ai.kind.kmb.HookEvent.Source;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of a {@link KmbClient}'s hooks. Firing never throws: a listener that fails is
 * reported to {@code on_error}, and a failing {@code on_error} listener is logged, so that no hook
 * can break the operation it watches or loop on its own failure.
 */
final class Hooks {
    private static final System.Logger LOG = System.getLogger(KmbClient.class.getName());

    private final Map<Hook<?>, List<Consumer<HookEvent>>> listeners = new ConcurrentHashMap<>();

    <E extends HookEvent> void add(Hook<E> hook, Consumer<? super E> listener) {
        listeners.computeIfAbsent(hook, key -> new CopyOnWriteArrayList<>())
                .add(event -> listener.accept(hook.eventType().cast(event)));
    }

    <E extends HookEvent> void fire(Hook<E> hook, E event) {
        for (Consumer<HookEvent> listener : listeners.getOrDefault(hook, List.of())) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                if (hook == Hook.ON_ERROR) {
                    LOG.log(System.Logger.Level.WARNING, "an on_error hook failed", e);
                } else {
                    error(Source.HOOK, new IllegalStateException("a " + hook.name() + " hook failed: " + e, e),
                            messageOf(event));
                }
            }
        }
    }

    /**
     * Reports an error. Without an {@code on_error} listener, errors nobody else sees (a hook's, the
     * connection's) are logged; the others already reach a caller's future or the bus's own log.
     */
    void error(Source source, Throwable error, Envelope message) {
        if (listeners.getOrDefault(Hook.ON_ERROR, List.of()).isEmpty()) {
            if (source == Source.HOOK || source == Source.CONNECTION) {
                LOG.log(System.Logger.Level.WARNING, "KMB client " + source.name().toLowerCase() + " error", error);
            }
            return;
        }
        fire(Hook.ON_ERROR, new HookEvent.OnError(source, error, message));
    }

    private static Envelope messageOf(HookEvent event) {
        return switch (event) {
            case HookEvent.BeforePublish e -> e.message();
            case HookEvent.AfterPublish e -> e.message();
            case HookEvent.OnMessage e -> e.delivery().message();
            case HookEvent.OnError e -> e.message();
            case HookEvent.OnConnect e -> null;
            case HookEvent.OnDisconnect e -> null;
        };
    }
}
