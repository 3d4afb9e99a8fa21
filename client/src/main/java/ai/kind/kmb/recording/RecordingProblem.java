package ai.kind.kmb.recording;

/** A line of a recording that could not be read, and why; line 1 is the header. */
public record RecordingProblem(long lineNumber, String reason) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
