package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterExport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes dead messages to a recording file; the letters stay.",
                "Oldest first, NDJSON (gzipped when the name ends in .gz), to keep, share or replay with 'kmbctl replay'."})
final class DlqExport implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    private DlqSelection selection = new DlqSelection();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "The recording to create (never overwritten).")
    private Path out;

    @Option(names = {"-l", "--limit"}, paramLabel = "N", defaultValue = "0",
            description = "At most the N newest letters (default 0: all the server gives, up to 10000).")
    private int limit;

    DlqExport(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        List<DeadLetter> letters;
        String source;
        try (BusConnection bus = cli.connect()) {
            letters = bus.deadLetters().list(selection.query(limit));
            source = bus.describe() + " dead letters";
        }
        long exported = DeadLetterExport.write(out, letters, source, selection.topic(), Instant.now());
        if (cli.json()) {
            cli.println(Views.line(Json.object().put("file", out.toString()).put("exported", exported)));
        } else {
            cli.println("exported " + exported + " dead letters to " + out);
        }
        return ExitCodes.OK;
    }
}
