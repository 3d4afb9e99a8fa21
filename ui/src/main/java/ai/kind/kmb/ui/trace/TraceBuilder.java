package ai.kind.kmb.ui.trace;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lays out the messages of one trace as a waterfall. Pairing: a command or query is a request; a
 * later message answers it when its {@code correlation_id} equals the request's (or, when the
 * request set none, the request's id) and it is a reply (type {@code reply}, a status, or sent to
 * the request's {@code reply_to}), or when it has no {@code correlation_id} and arrives on the
 * request's {@code reply_to}. Times are the envelope's timestamp (stamped by the broker) so that
 * messages from history and from the live feed line up; the receive time stands in when it is absent.
 */
final class TraceBuilder {
    private TraceBuilder() {
    }

    static TraceTimeline build(String traceId, Collection<StoredMessage> messages) {
        List<StoredMessage> sorted = distinct(messages);
        if (sorted.isEmpty()) {
            return new TraceTimeline(traceId, null, Duration.ZERO, List.of(), List.of(), List.of(), 0);
        }
        Instant start = time(sorted.getFirst());
        Map<String, StoredMessage> byKey = new HashMap<>();
        Map<String, StoredMessage> byReplyTo = new HashMap<>();
        Map<StoredMessage, List<StoredMessage>> replies = new LinkedHashMap<>();
        for (StoredMessage message : sorted) {
            if (isRequest(message.envelope())) {
                byKey.putIfAbsent(key(message.envelope()), message);
                String replyTo = message.envelope().metadata().replyTo();
                if (replyTo != null) {
                    byReplyTo.putIfAbsent(replyTo, message);
                }
                replies.put(message, new ArrayList<>());
            }
        }
        Map<StoredMessage, StoredMessage> requestOf = new HashMap<>();
        for (StoredMessage message : sorted) {
            if (!isRequest(message.envelope())) {
                StoredMessage request = requestFor(message.envelope(), byKey, byReplyTo);
                if (request != null) {
                    replies.get(request).add(message);
                    requestOf.put(message, request);
                }
            }
        }

        LinkedHashSet<String> laneNames = new LinkedHashSet<>();
        List<Placed> placed = new ArrayList<>();
        Instant end = start;
        for (StoredMessage message : sorted) {
            StoredMessage request = requestOf.get(message);
            String lane = request == null ? Agents.of(message.envelope())
                    : Agents.ofReply(message.envelope(), request.envelope());
            laneNames.add(lane);
            placed.add(new Placed(message, lane, request));
            end = max(end, time(message));
        }
        List<String> lanes = List.copyOf(laneNames);
        Rows rows = Rows.of(placed, lanes, replies.keySet());
        Map<String, Placed> bySpan = new HashMap<>();
        placed.forEach(p -> {
            String span = p.message.envelope().metadata().spanId();
            if (span != null) {
                bySpan.putIfAbsent(span, p);
            }
        });
        List<TraceBar> bars = new ArrayList<>();
        for (Placed p : placed) {
            Placed parent = bySpan.get(p.message.envelope().metadata().parentId());
            bars.add(bar(p, start, lanes, rows, replies, parent));
        }
        return new TraceTimeline(traceId, start, Duration.between(start, end), lanes, rows.perLane(), bars, sorted.size());
    }

    /** {@code parent}: the placed message whose span this one's {@code parent_id} names, if in the trace. */
    private static TraceBar bar(Placed p, Instant start, List<String> lanes, Rows rows,
                                Map<StoredMessage, List<StoredMessage>> replies, Placed parent) {
        int parentLane = parent == null ? -1 : lanes.indexOf(parent.lane);
        int parentRow = parent == null ? -1 : rows.of(parent.message);
        Envelope envelope = p.message.envelope();
        Duration offset = Duration.between(start, time(p.message));
        int lane = lanes.indexOf(p.lane);
        int row = rows.of(p.message);
        if (replies.containsKey(p.message)) {
            List<StoredMessage> answers = replies.get(p.message);
            TraceBar.Outcome outcome = roundTripOutcome(envelope.type(), answers);
            StoredMessage last = answers.isEmpty() ? p.message : answers.getLast();
            Duration duration = Duration.between(time(p.message), time(last));
            duration = duration.isNegative() ? Duration.ZERO : duration;
            String label = envelope.type().wireName() + " " + envelope.topic()
                    + (answers.isEmpty() ? " · no reply" : " · " + Durations.format(duration))
                    + (outcome == TraceBar.Outcome.PENDING && !answers.isEmpty() ? " · pending" : "");
            return new TraceBar(TraceBar.Kind.ROUND_TRIP, lane, row, offset, duration, label, outcome, p.message, answers,
                    parentLane, parentRow);
        }
        if (p.request != null) {
            // A request is never itself a reply, so its lane is always Agents.of(request).
            String status = envelope.metadata().status();
            String label = status == null ? "reply" : status;
            return new TraceBar(TraceBar.Kind.REPLY, lane, row, offset, Duration.ZERO, label, replyOutcome(status),
                    p.message, List.of(), lanes.indexOf(Agents.of(p.request.envelope())), rows.of(p.request));
        }
        return new TraceBar(TraceBar.Kind.EVENT, lane, row, offset, Duration.ZERO, envelope.topic(), TraceBar.Outcome.NONE,
                p.message, List.of(), parentLane, parentRow);
    }

    static boolean isRequest(Envelope message) {
        return message.type() == MessageType.COMMAND || message.type() == MessageType.QUERY;
    }

    private static String key(Envelope request) {
        String correlation = request.metadata().correlationId();
        return correlation != null ? correlation : request.id();
    }

    private static StoredMessage requestFor(Envelope message, Map<String, StoredMessage> byKey,
                                            Map<String, StoredMessage> byReplyTo) {
        String correlation = message.metadata().correlationId();
        if (correlation != null) {
            StoredMessage request = byKey.get(correlation);
            boolean replyLike = message.type() == MessageType.REPLY || message.metadata().status() != null
                    || (request != null && message.topic().equals(request.envelope().metadata().replyTo()));
            return replyLike ? request : null;
        }
        return byReplyTo.get(message.topic());
    }

    /** A command ends with DONE or ERROR (ACK only says it was taken); a query with its one reply. */
    private static TraceBar.Outcome roundTripOutcome(MessageType type, List<StoredMessage> answers) {
        TraceBar.Outcome outcome = TraceBar.Outcome.PENDING;
        for (StoredMessage answer : answers) {
            TraceBar.Outcome each = replyOutcome(answer.envelope().metadata().status());
            if (type == MessageType.QUERY || (each != TraceBar.Outcome.ACKNOWLEDGED && each != TraceBar.Outcome.NONE)) {
                outcome = each == TraceBar.Outcome.NONE ? TraceBar.Outcome.OK : each;
            }
        }
        return outcome;
    }

    static TraceBar.Outcome replyOutcome(String status) {
        if (status == null) {
            return TraceBar.Outcome.NONE;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "done", "data", "ok" -> TraceBar.Outcome.OK;
            case "ack" -> TraceBar.Outcome.ACKNOWLEDGED;
            case "error" -> TraceBar.Outcome.ERROR;
            case "not_found" -> TraceBar.Outcome.NOT_FOUND;
            default -> TraceBar.Outcome.NONE;
        };
    }

    static Instant time(StoredMessage message) {
        Instant stamped = message.envelope().timestamp();
        return stamped != null ? stamped : message.receivedAt();
    }

    /** One entry per message id (history and the live feed both have recent messages), in time order. */
    private static List<StoredMessage> distinct(Collection<StoredMessage> messages) {
        Map<String, StoredMessage> byId = new LinkedHashMap<>();
        for (StoredMessage message : messages) {
            String id = message.envelope().id() != null ? message.envelope().id() : "offset:" + message.offset();
            byId.putIfAbsent(id, message);
        }
        List<StoredMessage> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(TraceBuilder::time).thenComparingLong(StoredMessage::offset));
        return sorted;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record Placed(StoredMessage message, String lane, StoredMessage request) {
    }

    /**
     * The rows of the waterfall: each lane has a row per round trip it started, in time order, so an
     * agent that asks twice at once shows two bars instead of one drawn over the other; events and
     * replies sit on their lane's first row.
     */
    private record Rows(Map<StoredMessage, Integer> rowOf, List<Integer> perLane) {
        static Rows of(List<Placed> placed, List<String> lanes, Set<StoredMessage> requests) {
            int[] tripsPerLane = new int[lanes.size()];
            Map<StoredMessage, Integer> rowInLane = new HashMap<>();
            for (Placed p : placed) {
                int lane = lanes.indexOf(p.lane);
                rowInLane.put(p.message, requests.contains(p.message) ? tripsPerLane[lane]++ : 0);
            }
            List<Integer> perLane = new ArrayList<>();
            int[] firstRow = new int[lanes.size()];
            for (int lane = 0, next = 0; lane < lanes.size(); lane++) {
                firstRow[lane] = next;
                perLane.add(Math.max(1, tripsPerLane[lane]));
                next += perLane.getLast();
            }
            Map<StoredMessage, Integer> rowOf = new HashMap<>();
            for (Placed p : placed) {
                rowOf.put(p.message, firstRow[lanes.indexOf(p.lane)] + rowInLane.get(p.message));
            }
            return new Rows(rowOf, perLane);
        }

        int of(StoredMessage message) {
            return rowOf.get(message);
        }
    }
}
