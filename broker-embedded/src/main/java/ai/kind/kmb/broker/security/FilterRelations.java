package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.Topics;
import java.util.List;

/**
 * How topic filters relate, for permission checks. {@link #overlaps}: two can match a common topic
 * (a {@code sub} that shares none with any allowed filter is refused at once). {@link #covers}:
 * some together match every topic another does (a replay may only read and write what its
 * caller's permissions cover in full). Both are exact (covers within a search limit, see
 * {@link FilterCover#holds}) and honour the system-topic rule: a filter that does not start with
 * {@code _} never matches a topic that does.
 */
final class FilterRelations {
    private FilterRelations() {
    }

    static boolean overlaps(TopicFilter a, TopicFilter b) {
        if (isSystem(a) != isSystem(b)) {
            return false;
        }
        List<String> left = a.segments();
        List<String> right = b.segments();
        // reach[i][j]: the rest of a from segment i and the rest of b from segment j share a topic.
        boolean[][] reach = new boolean[left.size() + 1][right.size() + 1];
        for (int i = left.size(); i >= 0; i--) {
            for (int j = right.size(); j >= 0; j--) {
                reach[i][j] = overlapStep(left, right, i, j, reach);
            }
        }
        return reach[0][0];
    }

    /**
     * True if every topic {@code inner} matches is matched by one of {@code outers}: together, as
     * {@code a} and {@code a.*.#} cover {@code a.#} though neither does alone. Only outer filters
     * on the same side of the system-topic rule as the inner one can match any of its topics.
     */
    static boolean covers(List<TopicFilter> outers, TopicFilter inner) {
        List<List<String>> candidates = outers.stream().filter(outer -> isSystem(outer) == isSystem(inner))
                .map(TopicFilter::segments).toList();
        return !candidates.isEmpty() && new FilterCover(candidates, inner.segments()).holds();
    }

    private static boolean isSystem(TopicFilter filter) {
        return filter.text().startsWith(Topics.SYSTEM_PREFIX);
    }

    private static boolean overlapStep(List<String> a, List<String> b, int i, int j, boolean[][] reach) {
        boolean aDone = i == a.size();
        boolean bDone = j == b.size();
        if (aDone && bDone) {
            return true;
        }
        boolean aAny = !aDone && a.get(i).equals(TopicFilter.ANY);
        boolean bAny = !bDone && b.get(j).equals(TopicFilter.ANY);
        if (aAny || bAny) {
            // A '#' matches nothing more, or swallows one more segment of the other side.
            return (aAny && (reach[i + 1][j] || (!bDone && reach[i][j + 1])))
                    || (bAny && (reach[i][j + 1] || (!aDone && reach[i + 1][j])));
        }
        if (aDone || bDone) {
            return false;
        }
        String x = a.get(i);
        String y = b.get(j);
        boolean same = x.equals(TopicFilter.ONE) || y.equals(TopicFilter.ONE) || x.equals(y);
        return same && reach[i + 1][j + 1];
    }
}
