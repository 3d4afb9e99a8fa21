package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.InvalidPayloadPolicy;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicRegistryLoadTest {
    @TempDir
    Path dir;

    @Test
    void theSampleTopicsLoadWithoutProblemsAndDescribeEveryTopicTheIssueNames() {
        TopicRegistry registry = TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.ALLOW);

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.topics()).extracting(TopicDescriptor::name).isSorted().contains("kmb.agent.lifecycle",
                "kmb.agent.error", "kmb.agent.intent.create", "kmb.agent.intent.complete", "kmb.service.status",
                "kmb.ui.command.button.click", "agent.health.heartbeat", "vector.upsert", "vault.secret.accessed",
                "prompt.issued", "workflow.started");
        assertThat(registry.topic("agent.health.heartbeat").versions()).extracting(TopicVersion::version)
                .containsExactly("v1", "v2");
        assertThat(registry.topic("vector.upsert").latest().format()).isEqualTo(SchemaFormat.PROTOBUF);
    }

    @Test
    void everyExampleInTheSampleTopicsMatchesItsOwnVersion() {
        TopicRegistry registry = TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.ALLOW);

        for (TopicDescriptor topic : registry.topics()) {
            for (TopicVersion version : topic.versions()) {
                assertThat(version.examples()).as("examples of %s %s", topic.name(), version.version()).isNotEmpty();
                for (JsonNode example : version.examples()) {
                    assertThat(registry.validate(topic.name(), version.version(), example).violations())
                            .as("%s %s example %s", topic.name(), version.version(), example).isEmpty();
                }
            }
        }
    }

    @Test
    void descriptorsCarryDurabilityRetentionRateLimitSignaturesAndPolicy() {
        TopicRegistry registry = TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.ALLOW);

        TopicDescriptor vault = registry.descriptorFor("vault.secret.accessed").orElseThrow();
        assertThat(vault.durability()).isEqualTo("durable");
        assertThat(vault.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(vault.compatibility()).isEqualTo(CompatibilityMode.FULL_TRANSITIVE);
        assertThat(registry.signaturesRequired("vault.secret.accessed")).isTrue();
        assertThat(registry.signaturesRequired("prompt.issued")).isFalse();
        assertThat(registry.signaturesRequired("no.such.topic")).isFalse();
        assertThat(registry.topic("agent.health.heartbeat").rateLimit().perSecond()).isEqualTo(50);
        assertThat(registry.topic("agent.health.heartbeat").rateLimit().burst()).isEqualTo(100);
        assertThat(registry.topic("kmb.ui.command.button.click").onInvalid())
                .isEqualTo(InvalidPayloadPolicy.DEAD_LETTER);
        assertThat(registry.topic("kmb.agent.error").compatibility()).isEqualTo(CompatibilityMode.BACKWARD);
    }

    @Test
    void aBrokenDescriptorIsReportedWithFileAndLineAndTheOthersStillLoad() throws IOException {
        write("good.yaml", """
                name: orders.created
                versions:
                  v1:
                    schema: {type: object}
                """);
        write("bad.yaml", """
                name: orders.paid
                compatibility: SIDEWAYS
                versions:
                  v1:
                    schema: {type: object}
                """);
        write("broken.yaml", """
                name: orders.shipped
                versions: [unclosed
                """);

        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);

        assertThat(registry.topics()).extracting(TopicDescriptor::name).containsExactly("orders.created");
        assertThat(registry.problems()).extracting(RegistryProblem::file).containsExactly("bad.yaml", "broken.yaml");
        RegistryProblem bad = registry.problems().getFirst();
        assertThat(bad.line()).isEqualTo(2);
        assertThat(bad.message()).contains("SIDEWAYS", "BACKWARD_TRANSITIVE");
        assertThat(registry.problems().get(1).line()).isPositive();
    }

    @Test
    void aRetentionOfZeroIsReportedAtItsLineAndTheRetentionsListTheRest() throws IOException {
        write("readings.yaml", "name: sensor.reading\nretention: 1h\nversions:\n  v1:\n    schema: {type: object}\n");
        write("audit.yaml", "name: audit.entry\nretention: 0s\nversions:\n  v1:\n    schema: {type: object}\n");

        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);

        assertThat(registry.retentions()).isEqualTo(Map.of("sensor.reading", Duration.ofHours(1)));
        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("audit.yaml");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).contains("retention must be longer than zero, got '0s'");
        });
    }

    @Test
    void aSchemaThatIsNotAValidSchemaIsReportedAtItsLine() throws IOException {
        write("orders.yaml", """
                name: orders.created
                description: orders
                versions:
                  v1:
                    schema:
                      type: object
                      properties:
                        total: {type: money}
                """);

        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);

        assertThat(registry.topics()).isEmpty();
        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("orders.yaml");
            assertThat(problem.line()).isEqualTo(6);
            assertThat(problem.message()).contains("not a valid schema");
        });
    }

    @Test
    void aSchemaFileWithBadJsonIsReportedUnderItsOwnName() throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        write("schemas/orders.v1.json", "{\n  \"type\": \"object\",\n  oops\n}");
        write("orders.yaml", "name: orders.created\nversions:\n  v1:\n    schema: schemas/orders.v1.json\n");

        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);

        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("schemas/orders.v1.json");
            assertThat(problem.line()).isEqualTo(3);
        });
    }

    @Test
    void anUnsupportedDraftIsRefusedRatherThanCheckedByTheWrongRules() throws IOException {
        write("orders.yaml", """
                name: orders.created
                versions:
                  v1:
                    schema:
                      $schema: http://json-schema.org/draft-04/schema#
                      type: object
                """);

        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);

        assertThat(registry.problems()).singleElement().extracting(RegistryProblem::message).asString()
                .contains("draft-04", "not supported");
    }

    @Test
    void twoDescriptorsOfOneTopicKeepTheFirstAndReportTheSecond() throws IOException {
        write("a.yaml", "name: orders.created\nversions:\n  v1:\n    schema: {type: object}\n");
        write("b.yaml", "name: orders.created\nversions:\n  v1:\n    schema: {type: string}\n");

        TopicRegistry registry = TopicRegistry.load(dir, UnknownTopics.ALLOW);

        assertThat(registry.topic("orders.created").source()).isEqualTo("a.yaml");
        assertThat(registry.problems()).singleElement().extracting(RegistryProblem::file).isEqualTo("b.yaml");
    }

    @Test
    void aMissingDirectoryIsRefusedAtStart() {
        assertThatThrownBy(() -> TopicRegistry.load(dir.resolve("nope"), UnknownTopics.ALLOW))
                .isInstanceOf(KmbException.class).hasMessageContaining("not a directory");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
