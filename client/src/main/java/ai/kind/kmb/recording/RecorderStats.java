package ai.kind.kmb.recording;

/**
 * What a {@link Recorder} did: messages written, messages the bus dropped because the recorder
 * fell behind, messages that arrived but could not be written, and the last write error if any.
 */
public record RecorderStats(long written, long droppedByBus, long writeFailures, String lastError) {
    /** Every message that matched the filter but is not in the file. */
    public long dropped() {
        return droppedByBus + writeFailures;
    }
}
