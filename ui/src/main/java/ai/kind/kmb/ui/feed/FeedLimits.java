package ai.kind.kmb.ui.feed;

import java.util.List;

/**
 * The bounds that keep the Studio's memory and FX-thread work fixed however fast the bus runs.
 *
 * @param filters              what the feed subscribes to; {@code #} does not match system topics,
 *                             so advisories ({@code _kmb.#}) and replies ({@code _inbox.#}) are named
 * @param subscriptionInflight the bus's own buffer per subscription; past it the bus drops and counts
 *                             (10,000 is the most a KMB server grants over the network)
 * @param laneCapacity         messages waiting for display per topic; the oldest go first past it
 * @param maxLanes             distinct topics tracked; messages on topics past it are counted, not shown
 * @param maxBuffered          messages waiting for display over all topics together
 * @param batchSize            messages the FX thread takes per drain (about 20 drains a second)
 * @param previewChars         characters of payload in list and tree previews
 * @param payloadChars         characters of payload JSON kept for the inspector; more is truncated and marked
 * @param listCapacity         rows the message list keeps; the oldest rows scroll away past it
 */
public record FeedLimits(List<String> filters, int subscriptionInflight, int laneCapacity, int maxLanes,
                         int maxBuffered, int batchSize, int previewChars, int payloadChars, int listCapacity) {

    public static final List<String> DEFAULT_FILTERS = List.of("#", "_kmb.#", "_inbox.#");

    public FeedLimits {
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("the feed needs at least one filter");
        }
        requirePositive("subscriptionInflight", subscriptionInflight);
        requirePositive("laneCapacity", laneCapacity);
        requirePositive("maxLanes", maxLanes);
        requirePositive("maxBuffered", maxBuffered);
        requirePositive("batchSize", batchSize);
        requirePositive("previewChars", previewChars);
        requirePositive("payloadChars", payloadChars);
        requirePositive("listCapacity", listCapacity);
    }

    /**
     * Sized for 50,000 messages a second: 20 drains of 500 show 10,000 a second at most (more than
     * anyone reads, and what the FX thread renders without stalling on two cores), the
     * buffers hold at most 20,000 envelopes, and the list 5,000 rows of at most 16 KB of payload each.
     */
    public static FeedLimits defaults() {
        return new FeedLimits(DEFAULT_FILTERS, 10_000, 256, 4_096, 20_000, 500, 160, 16_384, 5_000);
    }

    public FeedLimits withFilters(List<String> newFilters) {
        return new FeedLimits(newFilters, subscriptionInflight, laneCapacity, maxLanes, maxBuffered, batchSize,
                previewChars, payloadChars, listCapacity);
    }

    public FeedLimits withBuffers(int newLaneCapacity, int newMaxLanes, int newMaxBuffered, int newBatchSize) {
        return new FeedLimits(filters, subscriptionInflight, newLaneCapacity, newMaxLanes, newMaxBuffered, newBatchSize,
                previewChars, payloadChars, listCapacity);
    }

    public FeedLimits withDisplay(int newPreviewChars, int newPayloadChars, int newListCapacity) {
        return new FeedLimits(filters, subscriptionInflight, laneCapacity, maxLanes, maxBuffered, batchSize,
                newPreviewChars, newPayloadChars, newListCapacity);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
