package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.pipeline.StepAction;
import ai.kind.kmb.broker.pipeline.StepSpec;
import ai.kind.kmb.broker.ratelimit.LimitMode;
import ai.kind.kmb.broker.ratelimit.LimitSpec;
import ai.kind.kmb.broker.ratelimit.TopicLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmb.pipeline and kmb.rate_limits in the YAML file and the environment, and how mistakes are named. */
class PipelineSettingsTest {
    @TempDir
    Path dir;

    private KmbdConfig load(String yaml) throws IOException {
        return new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve("kmb.yaml"), yaml), Map.of());
    }

    private void refused(String yaml, String... fragments) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).satisfies(e -> {
            for (String fragment : fragments) {
                assertThat(e.getMessage()).contains(fragment);
            }
        });
    }

    @Test
    void stepsAreReadInOrderWithTheirStagesAndActions() throws IOException {
        KmbdConfig config = load("""
                kmb:
                  pipeline:
                    plugins_dir: %s
                    steps:
                      - filter: "agent.#"
                        redact: /payload/secret
                      - filter: "#"
                        stage: before_validation
                        set_headers: {env: prod, seen: "${received_time}"}
                      - {filter: "orders.*", enrich_headers: {node: "${node_id}"}}
                      - {filter: "orders.*", copy_to: [audit.orders, archive.orders]}
                      - {filter: "noise.#", drop: true}
                      - {filter: "#", log: full}
                """.formatted(dir));

        assertThat(config.pluginsDir()).isEqualTo(dir);
        assertThat(config.steps()).extracting(StepSpec::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(config.steps()).extracting(step -> step.filter().text())
                .containsExactly("agent.#", "#", "orders.*", "orders.*", "noise.#", "#");
        assertThat(config.steps()).extracting(StepSpec::stage).containsExactly(PublishStage.AFTER_VALIDATION,
                PublishStage.BEFORE_VALIDATION, PublishStage.AFTER_VALIDATION, PublishStage.AFTER_VALIDATION,
                PublishStage.AFTER_VALIDATION, PublishStage.AFTER_VALIDATION);
        assertThat(config.steps().get(1).action()).isInstanceOfSatisfying(StepAction.SetHeaders.class,
                set -> assertThat(set.overwrite()).isTrue());
        assertThat(config.steps().get(2).action()).isInstanceOfSatisfying(StepAction.SetHeaders.class,
                enrich -> assertThat(enrich.overwrite()).isFalse());
        assertThat(config.steps().get(3).action()).isEqualTo(
                new StepAction.CopyTo(java.util.List.of("audit.orders", "archive.orders")));
        assertThat(config.steps().get(5).action()).isEqualTo(new StepAction.Log(true));
    }

    @Test
    void aWrongStepIsNamedByItsIndexAndKey() {
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: a.b, log: true}\n      - {filter: a.b, redact: /secret}\n",
                "kmb.pipeline.steps", "[1].redact", "into the payload");
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: a.b, redcat: /payload/x}\n",
                "[0].redcat", "is not a known key");
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: a.b, drop: true, log: true}\n",
                "[0]", "exactly one action", "drop and log");
        refused("kmb:\n  pipeline:\n    steps:\n      - {redact: /payload/x}\n", "[0].filter", "is required");
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: 'a..b', drop: true}\n", "[0].filter");
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: a, set_headers: {x: '${nope}'}}\n",
                "[0].set_headers.x", "unknown placeholder ${nope}");
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: a, copy_to: 'not a topic'}\n", "[0].copy_to");
        refused("kmb:\n  pipeline:\n    steps:\n      - {filter: a, stage: validation, drop: true}\n",
                "[0].stage", "before_validation or after_validation");
    }

    @Test
    void rateLimitsAreReadWithDefaults() throws IOException {
        KmbdConfig config = load("""
                kmb:
                  rate_limits:
                    client: {rate: 100, burst: 200}
                    topics:
                      - {filter: "agent.#", rate: 2.5, mode: throttle, max_wait: 500ms}
                """);

        assertThat(config.rateLimits().perClient()).isEqualTo(new LimitSpec(100, 200, LimitMode.REJECT, Duration.ZERO));
        assertThat(config.rateLimits().topics()).singleElement().satisfies((TopicLimit limit) -> {
            assertThat(limit.filter().text()).isEqualTo("agent.#");
            assertThat(limit.spec()).isEqualTo(new LimitSpec(2.5, 3, LimitMode.THROTTLE, Duration.ofMillis(500)));
        });
    }

    @Test
    void aWrongLimitIsNamed() {
        refused("kmb:\n  rate_limits:\n    client: {rate: 0}\n", "kmb.rate_limits.client", "rate: is required");
        refused("kmb:\n  rate_limits:\n    client: {rate: 5, mode: slow}\n", "mode: must be reject or throttle");
        refused("kmb:\n  rate_limits:\n    topics:\n      - {filter: a, rate: 1, burst: 0.5}\n", "[0].burst");
        refused("kmb:\n  rate_limits:\n    topics:\n      - {rate: 1}\n", "[0].filter: is required");
        refused("kmb:\n  rate_limits:\n    topics:\n      - {filter: a, rate: 1, max_wait: soon}\n", "[0].max_wait");
        refused("kmb:\n  pipeline:\n    plugins_dir: " + dir.resolve("missing") + "\n", "plugins_dir", "not a directory");
    }

    @Test
    void theEnvironmentTakesJson() {
        KmbdConfig config = new ConfigLoader(Map.of(
                "KMB_RATE_LIMIT_CLIENT", "{\"rate\": 10, \"mode\": \"throttle\"}",
                "KMB_PIPELINE_STEPS", "[{\"filter\": \"a.#\", \"drop\": true}]")).load(null, Map.of());

        assertThat(config.rateLimits().perClient()).isEqualTo(new LimitSpec(10, 10, LimitMode.THROTTLE,
                RateLimitSettings.DEFAULT_MAX_WAIT));
        assertThat(config.steps()).singleElement().extracting(StepSpec::action).isEqualTo(new StepAction.Drop());
    }
}
