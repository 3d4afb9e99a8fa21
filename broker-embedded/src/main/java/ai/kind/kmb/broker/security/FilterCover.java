package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.Topics;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether outer filters together match every topic an inner filter matches; the outer filters are
 * on the inner one's side of the system-topic rule ({@link FilterRelations} picks them). Each
 * filter is read as an automaton whose position k means "its first k segments are matched"; the
 * walk follows every topic of the inner filter, one segment at a time, together with the set of
 * positions the outer filters could be at, and fails on a topic the inner filter has finished and
 * no outer one has. Segments named in no filter behave alike, so one symbol stands for them all:
 * the answer is exact (the 16-segment limit of topics aside, which can only make it refuse more).
 */
final class FilterCover {
    /** Every segment no filter names: never equal to a real one, since segments are never empty. */
    private static final String OTHER = "";
    private static final int MAX_STATES = 10_000;

    private final List<List<String>> outers;
    private final List<String> inner;
    /** Where each outer filter's positions start in a position set. */
    private final int[] offsets;
    private final Set<String> segments = new LinkedHashSet<>();

    /**
     * Positions from which an outer filter has only '#' left: whatever follows is matched, so a
     * walk that reaches one has nothing more to check.
     */
    private final BitSet matchesAnyRest = new BitSet();

    private record State(int inner, BitSet outers) {
    }

    private static final class Walk {
        final Deque<State> queue = new ArrayDeque<>();
        final Set<State> seen = new HashSet<>();
    }

    FilterCover(List<List<String>> outers, List<String> inner) {
        this.outers = outers;
        this.inner = inner;
        this.offsets = new int[outers.size()];
        for (int f = 0; f < outers.size(); f++) {
            List<String> outer = outers.get(f);
            offsets[f] = f == 0 ? 0 : offsets[f - 1] + outers.get(f - 1).size() + 1;
            for (int k = outer.size() - 1; k >= 0 && outer.get(k).equals(TopicFilter.ANY); k--) {
                matchesAnyRest.set(offsets[f] + k);
            }
        }
        segments.add(OTHER);
        Stream.concat(outers.stream().flatMap(List::stream), inner.stream())
                .filter(segment -> !segment.equals(TopicFilter.ONE) && !segment.equals(TopicFilter.ANY))
                .forEach(segments::add);
    }

    /**
     * True if the outer filters cover the inner one. A walk that would visit more than
     * {@value #MAX_STATES} states answers false (a few hundred milliseconds at most): only contrived
     * filter sets get there, and a false never lets more through: a replay is refused, a {@code sub}
     * is filtered at every delivery instead of refused at once.
     */
    boolean holds() {
        BitSet outerStart = new BitSet();
        for (int f = 0; f < outers.size(); f++) {
            outerStart.set(offsets[f]);
            close(outers.get(f), outerStart, offsets[f]);
        }
        BitSet innerStart = new BitSet();
        innerStart.set(0);
        close(inner, innerStart, 0);
        // A filter that is not a system one never matches a topic whose first segment starts with '_'.
        boolean system = inner.getFirst().startsWith(Topics.SYSTEM_PREFIX);
        List<String> firstSegments = segments.stream()
                .filter(segment -> system || !segment.startsWith(Topics.SYSTEM_PREFIX)).toList();
        Walk walk = new Walk();
        // The start itself is not checked: a topic has at least one segment.
        for (int j = innerStart.nextSetBit(0); j >= 0; j = innerStart.nextSetBit(j + 1)) {
            if (!follow(new State(j, outerStart), firstSegments, walk)) {
                return false;
            }
        }
        // Breadth first, so that a topic that escapes is found while it is short.
        while (!walk.queue.isEmpty()) {
            if (walk.seen.size() > MAX_STATES || !follow(walk.queue.poll(), segments, walk)) {
                return false;
            }
        }
        return true;
    }

    /** Reads each segment after the state and queues the states not seen yet; false on a topic that escapes. */
    private boolean follow(State state, Iterable<String> next, Walk walk) {
        for (String segment : next) {
            BitSet innerNext = new BitSet();
            advance(inner, state.inner(), segment, innerNext, 0);
            close(inner, innerNext, 0);
            if (innerNext.isEmpty()) {
                continue;
            }
            BitSet outerNext = advanceOuters(state.outers(), segment);
            if (outerNext.intersects(matchesAnyRest)) {
                continue;
            }
            boolean outerDone = finishedAny(outerNext);
            for (int j = innerNext.nextSetBit(0); j >= 0; j = innerNext.nextSetBit(j + 1)) {
                if (j == inner.size() && !outerDone) {
                    return false;
                }
                State reached = new State(j, outerNext);
                if (walk.seen.add(reached)) {
                    walk.queue.add(reached);
                }
            }
        }
        return true;
    }

    private BitSet advanceOuters(BitSet positions, String segment) {
        BitSet next = new BitSet();
        for (int f = 0; f < outers.size(); f++) {
            List<String> outer = outers.get(f);
            for (int k = 0; k < outer.size(); k++) {
                if (positions.get(offsets[f] + k)) {
                    advance(outer, k, segment, next, offsets[f]);
                }
            }
            close(outer, next, offsets[f]);
        }
        return next;
    }

    private boolean finishedAny(BitSet positions) {
        for (int f = 0; f < outers.size(); f++) {
            if (positions.get(offsets[f] + outers.get(f).size())) {
                return true;
            }
        }
        return false;
    }

    /** One more segment at position k: a '#' stays, a '*' or the same literal moves on, else the path ends. */
    private static void advance(List<String> filter, int k, String segment, BitSet into, int offset) {
        if (k == filter.size()) {
            return;
        }
        String at = filter.get(k);
        if (at.equals(TopicFilter.ANY)) {
            into.set(offset + k);
        } else if (at.equals(TopicFilter.ONE) || at.equals(segment)) {
            into.set(offset + k + 1);
        }
    }

    /** A '#' may match nothing, so being before one is also being after it. */
    private static void close(List<String> filter, BitSet positions, int offset) {
        for (int k = 0; k < filter.size(); k++) {
            if (positions.get(offset + k) && filter.get(k).equals(TopicFilter.ANY)) {
                positions.set(offset + k + 1);
            }
        }
    }
}
