package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.registry.RegistryJson;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows a topic's descriptor and the schema of each version (or of one).")
final class SchemaShow implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, such as agent.health.heartbeat.")
    private String topic;

    @Option(names = "--schema-version", paramLabel = "VERSION", description = "Only this version (v1, v2, ...).")
    private String version;

    SchemaShow(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TopicDescriptor descriptor;
        try (BusConnection bus = cli.connect()) {
            descriptor = bus.registry().topic(topic);
        }
        if (cli.json()) {
            cli.println(Views.line(RegistryJson.descriptor(descriptor)));
            return ExitCodes.OK;
        }
        List<TopicVersion> versions = version == null ? descriptor.versions()
                : List.of(descriptor.version(version).orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND,
                "topic '" + topic + "' has no version '" + version + "'")));
        cli.println(descriptor.name() + (descriptor.description() == null ? "" : ": " + descriptor.description()));
        cli.println("  owner " + orDash(descriptor.owner()) + ", compatibility " + descriptor.compatibility()
                + ", durability " + orDash(descriptor.durability()) + ", retention "
                + (descriptor.retention() == null ? "-" : descriptor.retention()) + ", signatures "
                + (descriptor.signaturesRequired() ? "required" : "not required") + ", rate limit "
                + (descriptor.rateLimit() == null ? "-" : descriptor.rateLimit().perSecond() + "/s burst "
                + descriptor.rateLimit().burst()) + ", invalid payloads " + descriptor.onInvalid().wireName());
        for (TopicVersion shown : versions) {
            cli.println("");
            cli.println(shown.version() + " (" + shown.format().wireName()
                    + (shown.protobufMessage() == null ? "" : " " + shown.protobufMessage()) + ")");
            cli.println(Views.pretty(shown.schema()));
        }
        return ExitCodes.OK;
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
