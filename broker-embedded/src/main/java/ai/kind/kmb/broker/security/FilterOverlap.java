package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;
import java.util.List;

/**
 * Whether two topic filters can match a common topic. A subscription whose filter shares no topic
 * with any allowed filter is refused at once; one that overlaps is accepted and filtered at delivery.
 */
final class FilterOverlap {
    private FilterOverlap() {
    }

    static boolean overlaps(TopicFilter a, TopicFilter b) {
        List<String> left = a.segments();
        List<String> right = b.segments();
        // reach[i][j]: the rest of a from segment i and the rest of b from segment j share a topic.
        boolean[][] reach = new boolean[left.size() + 1][right.size() + 1];
        for (int i = left.size(); i >= 0; i--) {
            for (int j = right.size(); j >= 0; j--) {
                reach[i][j] = step(left, right, i, j, reach);
            }
        }
        return reach[0][0];
    }

    private static boolean step(List<String> a, List<String> b, int i, int j, boolean[][] reach) {
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
