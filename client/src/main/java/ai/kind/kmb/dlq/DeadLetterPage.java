package ai.kind.kmb.dlq;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.util.List;

/**
 * One page of dead letters, newest death first. {@code nextOffset} is the offset that fetches the
 * next page, or -1 when this page reached the end. Offsets count letters in the listing order, so a
 * letter that dies while someone pages moves the rest down by one: a page may repeat the last letter
 * of the previous one, never skip one.
 */
public record DeadLetterPage(List<DeadLetter> letters, int nextOffset) {
    public static final int END = -1;

    public DeadLetterPage {
        letters = List.copyOf(letters);
    }

    public boolean hasMore() {
        return nextOffset != END;
    }

    /** Refuses a page request that has no size or starts before the first letter. */
    public static void requirePaging(DeadLetterQuery query, int offset) {
        if (query.limit() < 1) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "a page of dead letters needs a limit of at least 1, got "
                    + query.limit(), List.of(new ErrorDetail("limit", "must be at least 1")));
        }
        if (offset < 0) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "a page offset must be zero or more, got " + offset,
                    List.of(new ErrorDetail("offset", "must be zero or more")));
        }
    }

    /**
     * The page at {@code offset} of {@code listed}, a listing of at least {@code offset + limit + 1}
     * letters when there are that many: how every store answers a page without paging of its own.
     */
    public static DeadLetterPage slice(List<DeadLetter> listed, int offset, int limit) {
        int from = Math.min(offset, listed.size());
        int to = Math.min(from + limit, listed.size());
        return new DeadLetterPage(listed.subList(from, to), listed.size() > to ? to : END);
    }
}
