package ai.kind.kmb.cli;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.trace.TraceTree;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Prints the stored messages of one trace as a tree: each span under its parent.")
final class TraceCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TRACE_ID", description = "The trace id (metadata.trace_id).")
    private String traceId;

    TraceCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TraceTree tree;
        try (BusConnection bus = cli.connect()) {
            tree = bus.trace(traceId);
        }
        if (tree.spans().isEmpty()) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no stored message has trace_id '" + traceId + "'");
        }
        for (TraceTree.TraceSpan span : tree.spans()) {
            if (cli.json()) {
                cli.println(Views.line(Views.stored(span.message()).put("span_id", span.spanId())
                        .put("parent_id", span.parentId()).put("depth", span.depth())));
            } else {
                Envelope message = span.message().envelope();
                String status = message.metadata().status() == null ? "" : " " + message.metadata().status();
                cli.println("  ".repeat(span.depth()) + message.type().wireName() + status + " " + message.topic()
                        + " " + message.timestamp() + " span " + span.spanId());
            }
        }
        return ExitCodes.OK;
    }
}
