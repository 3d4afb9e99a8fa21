package ai.kind.kmb.cli;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import picocli.CommandLine.Option;

/** Which dead letters a command works on, the same options for list, requeue --all, purge and export. */
final class DlqSelection {
    @Option(names = "--reason", paramLabel = "REASON", converter = Converters.ReasonConverter.class,
            description = "rejected, max_deliveries, expired, schema_invalid, handler_error or overflow.")
    private DeathReason reason;

    @Option(names = "--topic", paramLabel = "FILTER", description = "Only letters whose original topic this filter matches.")
    private String topic;

    /** {@code limit} zero or less: every letter (the REST API answers at most 10,000 at once). */
    DeadLetterQuery query(int limit) {
        return new DeadLetterQuery(reason, topic == null ? null : TopicFilter.parse(topic), limit);
    }

    String topic() {
        return topic;
    }

    boolean isEmpty() {
        return reason == null && topic == null;
    }
}
