package ai.kind.kmb.broker.store.redis;

import io.lettuce.core.resource.ThreadFactoryProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;

/**
 * Lettuce's threads for a store, made recognisable: a synchronous store method called on one of
 * them would wait for a reply that only that same thread can read, so the store refuses instead of
 * hanging until the command time-out. The threads stay Netty's fast thread-local kind, as Lettuce
 * expects.
 */
final class RedisThreads implements ThreadFactoryProvider {

    /** A thread running Lettuce's event loops or its computations. */
    static final class IoThread extends FastThreadLocalThread {
        IoThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }

    static boolean isIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }

    @Override
    public ThreadFactory getThreadFactory(String poolName) {
        return new DefaultThreadFactory("kmb-redis-" + poolName, true) {
            @Override
            protected Thread newThread(Runnable task, String name) {
                return new IoThread(threadGroup, task, name);
            }
        };
    }
}
