package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.pipeline.ConfiguredStep;
import ai.kind.kmb.broker.pipeline.Plugins;
import ai.kind.kmb.broker.pipeline.StepSpec;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * Puts the configured rate limits, plugins and steps on a broker's paths, in that order: topic
 * limits first so a refused publish costs nothing else, then each plugin's hooks, then the steps,
 * each list in its configured order within its stage.
 */
final class PipelineSetup {
    private PipelineSetup() {
    }

    /** Returns the loaded plugins, to close with the broker, or null without a plugins directory. */
    static Plugins apply(KmbdConfig config, Broker broker, String nodeId, PrintStream err) {
        broker.rateLimits().configure(config.rateLimits());
        Plugins plugins = null;
        if (config.pluginsDir() != null) {
            plugins = Plugins.load(config.pluginsDir());
            plugins.problems().forEach(problem -> err.println("kmbd: plugin jar left out: " + problem));
            plugins.install(broker.pipeline(), broker.deliveryHooks());
        }
        installSteps(config.steps(), broker, nodeId);
        return plugins;
    }

    static void installSteps(List<StepSpec> steps, Broker broker, String nodeId) {
        for (StepSpec step : steps) {
            broker.pipeline().add(step.stage(), new ConfiguredStep(step, broker, Clock.systemUTC(), nodeId));
        }
    }
}
