package ai.kind.kmb.replay;

import ai.kind.kmb.Bus;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.recording.RecordingReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates replay sessions and keeps them by id, for the replay console and for
 * {@code POST /v1/replays} and {@code GET /v1/replays/{id}}. Replays publish through the bus given
 * here. Finished sessions are kept for a while so their outcome can still be read; the oldest are
 * forgotten beyond {@value #FINISHED_KEPT}.
 */
public final class ReplayEngine implements AutoCloseable {
    public static final int FINISHED_KEPT = 100;

    private final Bus bus;
    private final ReplayClock clock;
    private final Map<String, ReplaySession> sessions = new LinkedHashMap<>();
    private boolean closed;

    public ReplayEngine(Bus bus) {
        this(bus, ReplayClock.system());
    }

    public ReplayEngine(Bus bus, ReplayClock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a session in state PENDING. A recording is checked now (that it exists and has a
     * valid header), so a bad request fails here rather than later in the session.
     */
    public ReplaySession create(ReplaySource source, ReplayOptions options) {
        return create(source, options, null, null);
    }

    /**
     * As {@link #create(ReplaySource, ReplayOptions)}, for a server: {@code startedBy} is the client
     * id that asked, so that the replay can be shown to that client only; {@code publishAs}, when
     * not null, replaces each replayed message's {@code metadata.auth}, so that a replay says who
     * put it on the bus rather than who first published.
     */
    public ReplaySession create(ReplaySource source, ReplayOptions options, String startedBy,
                                Metadata.Auth publishAs) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        if (source instanceof ReplaySource.RecordingFile file) {
            checkRecording(file);
        }
        ReplaySession session = new ReplaySession(UUID.randomUUID().toString(), startedBy, publishAs, source, options, bus,
                clock);
        synchronized (this) {
            if (closed) {
                throw new KmbException(ErrorCode.UNAVAILABLE, "the replay engine is closed");
            }
            forgetOldFinished();
            sessions.put(session.id(), session);
        }
        return session;
    }

    /** Creates a session and starts it. */
    public ReplaySession start(ReplaySource source, ReplayOptions options) {
        ReplaySession session = create(source, options);
        session.start();
        return session;
    }

    public synchronized Optional<ReplaySession> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Every session kept, oldest first. */
    public synchronized List<ReplaySession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Cancels the session if it is still going and forgets it; false if there was none. */
    public boolean remove(String id) {
        ReplaySession session;
        synchronized (this) {
            session = sessions.remove(id);
        }
        if (session == null) {
            return false;
        }
        session.cancel();
        return true;
    }

    /** Cancels every session still going; creating more is refused. */
    @Override
    public void close() {
        List<ReplaySession> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(sessions.values());
        }
        all.forEach(ReplaySession::cancel);
    }

    private void forgetOldFinished() {
        long finished = sessions.values().stream().filter(s -> s.state().isFinal()).count();
        Iterator<ReplaySession> oldestFirst = sessions.values().iterator();
        while (finished > FINISHED_KEPT && oldestFirst.hasNext()) {
            if (oldestFirst.next().state().isFinal()) {
                oldestFirst.remove();
                finished--;
            }
        }
    }

    private static void checkRecording(ReplaySource.RecordingFile file) {
        try (RecordingReader reader = RecordingReader.open(file.path())) {
            reader.header();
        } catch (NoSuchFileException e) {
            String reason = "there is no file " + file.path();
            throw new KmbException(ErrorCode.NOT_FOUND, reason, List.of(new ErrorDetail("recording", reason)));
        } catch (IOException e) {
            String reason = "cannot read " + file.path() + ": " + e.getMessage();
            throw new KmbException(ErrorCode.BAD_REQUEST, reason, List.of(new ErrorDetail("recording", reason)), e);
        }
    }
}
