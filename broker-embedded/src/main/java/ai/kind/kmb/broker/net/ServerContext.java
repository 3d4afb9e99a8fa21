package ai.kind.kmb.broker.net;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.security.ServerSecurity;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one server shares. */
record ServerContext(Broker broker, ServerLimits limits, ServerMetrics metrics, Connections connections,
                     HttpRouter router, Executor threads, String serverName, AtomicLong connectionIds, ServerSecurity security,
                     FrameBytes frames) {

    String nextConnectionId() {
        return "conn-" + connectionIds.incrementAndGet();
    }
}
