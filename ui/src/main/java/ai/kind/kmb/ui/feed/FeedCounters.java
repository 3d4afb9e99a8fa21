package ai.kind.kmb.ui.feed;

/**
 * The feed's books. They always balance: {@code received == taken + evicted + buffered} (give or
 * take messages a bus thread is adding at that instant), and every message the bus delivered or
 * dropped for this feed is in exactly one of {@code taken}, {@code evicted}, {@code buffered} or
 * {@code lostOnBus}.
 *
 * @param received       messages the bus handed to the feed
 * @param taken          messages the FX side took for display ("shown")
 * @param evicted        messages thrown away by the feed's own bounds before display
 * @param lostOnBus      messages the bus dropped because the feed's subscriptions were full
 * @param buffered       messages waiting for the next drain
 * @param peakBuffered   the most that ever waited at once; never above {@link FeedLimits#maxBuffered()}
 * @param unlistedTopics topics past {@link FeedLimits#maxLanes()}, whose messages are counted only
 */
public record FeedCounters(long received, long taken, long evicted, long lostOnBus, long buffered, long peakBuffered,
                           long unlistedTopics) {
    public static final FeedCounters ZERO = new FeedCounters(0, 0, 0, 0, 0, 0, 0);

    /** Everything that will never be shown: what the status bar calls "dropped for display". */
    public long droppedForDisplay() {
        return evicted + lostOnBus;
    }

    /** Every message the bus had for this feed, shown or not. */
    public long seenOnBus() {
        return received + lostOnBus;
    }
}
