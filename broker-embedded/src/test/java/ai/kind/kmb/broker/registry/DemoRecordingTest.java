package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.recording.RecordingEntry;
import ai.kind.kmb.recording.RecordingReader;
import ai.kind.kmb.registry.ValidationVerdict;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoRecordingTest {

    @Test
    void theShippedDemoSessionReadsCleanlyAndEveryMessagePassesValidation() throws IOException {
        TopicRegistry registry = TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.REFUSE);
        Set<String> agents = new HashSet<>();
        Set<String> topics = new HashSet<>();
        try (RecordingReader reader = RecordingReader.open(SampleTopicsCopy.DIRECTORY.resolve(
                "recordings/demo-session.ndjson"))) {
            for (RecordingEntry entry : reader) {
                Envelope message = entry.message();
                ValidationVerdict verdict = registry.checkPublished(message.topic(),
                        message.metadata().schemaVersion(), message.payload()).orElseThrow();
                assertThat(verdict.violations()).as("%s %s", message.topic(), message.payload()).isEmpty();
                topics.add(message.topic());
                agents.add(message.payload().path("agent").asText(""));
            }
            assertThat(reader.problems()).isEmpty();
        }
        assertThat(topics).hasSizeGreaterThanOrEqualTo(10);
        assertThat(agents).contains("planner", "researcher");
    }
}
