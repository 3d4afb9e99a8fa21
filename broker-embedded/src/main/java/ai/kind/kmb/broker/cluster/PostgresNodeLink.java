package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link between nodes sharing a {@link PostgresStore}. The log is tailed on the store's own
 * wake-ups (every committed append batch NOTIFYs, {@link PostgresStore#onAppended}); ephemeral
 * messages travel as NOTIFY payloads on the bus's live channel, sent by a {@link NotifySender} and
 * heard on the store's notifier connection. Responder filters are shared through a
 * {@link PostgresResponderBoard}, whose NOTIFY channel is heard on that connection too.
 */
public final class PostgresNodeLink implements NodeLink {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNodeLink.class);

    private final String nodeId;
    private final PostgresStore store;
    private final NotifySender sender;
    private final PostgresResponderBoard board;
    private final ResponderDirectory responders;
    private final Semaphore appended = new Semaphore(0);
    private LiveInbound inbound;
    private LogTail tail;
    private AutoCloseable appendedListener;
    private AutoCloseable liveListener;
    private AutoCloseable respondersListener;

    private PostgresNodeLink(String nodeId, PostgresStore store, PostgresResponderBoard board) {
        this.nodeId = nodeId;
        this.store = store;
        this.board = board;
        this.responders = new ResponderDirectory(nodeId, board, ResponderDirectory.HEARTBEAT, ResponderDirectory.TTL);
        this.sender = new NotifySender(store, store.liveChannel());
    }

    /** Opens the link on the store's database. */
    public static PostgresNodeLink open(PostgresStore store, String nodeId) {
        try {
            return new PostgresNodeLink(nodeId, store, PostgresResponderBoard.open(store));
        } catch (SQLException e) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "bus link to " + store.url() + ": cannot create the "
                    + "list of responders: " + e.getMessage(), List.of(), e);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public synchronized void start(RemoteTraffic traffic) {
        inbound = new LiveInbound(nodeId, traffic);
        liveListener = store.onNotification(store.liveChannel(), payload -> {
            if (payload != null) {
                inbound.accept(payload);
            }
        });
        appendedListener = store.onAppended(appended::release);
        // Null after the notifier reconnected: announcements may have been missed meanwhile.
        respondersListener = store.onNotification(board.channel(), payload -> responders.refresh());
        responders.start(() -> ResponderBoard.Listing.of(traffic), traffic::durables);
        tail = new LogTail("node " + nodeId, store, this::awaitAfter, traffic::appended);
        tail.start();
    }

    private void awaitAfter(long cursor, Duration atMost) throws InterruptedException {
        if (appended.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            appended.drainPermits();
        }
    }

    @Override
    public void broadcast(Envelope message) {
        sender.send(LiveFrames.encode(nodeId, message));
    }

    @Override
    public Responders responders() {
        return responders;
    }

    @Override
    public DurableReports reports() {
        return responders;
    }

    @Override
    public synchronized void close() {
        responders.close();
        board.close();
        for (AutoCloseable listener : new AutoCloseable[] {liveListener, appendedListener, respondersListener}) {
            try {
                if (listener != null) {
                    listener.close();
                }
            } catch (Exception e) {
                LOG.debug("removing a listener failed", e);
            }
        }
        if (tail != null) {
            tail.close();
        }
        if (inbound != null) {
            inbound.close();
        }
        sender.close();
    }
}
