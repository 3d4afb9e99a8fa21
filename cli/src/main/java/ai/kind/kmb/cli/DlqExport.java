package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.recording.RecordingHeader;
import ai.kind.kmb.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
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
        // A recording is read in receive-time order; a letter's message was received when it was published.
        List<DeadLetter> oldestFirst = letters.stream().sorted(Comparator.comparing(DlqExport::receivedAt)).toList();
        try (RecordingWriter writer = RecordingWriter.create(out, RecordingHeader.of(source, selection.topic(),
                Instant.now()))) {
            for (DeadLetter letter : oldestFirst) {
                writer.write(receivedAt(letter), PublishAck.NOT_STORED, letter.message());
            }
        }
        if (cli.json()) {
            cli.println(Views.line(Json.object().put("file", out.toString()).put("exported", oldestFirst.size())));
        } else {
            cli.println("exported " + oldestFirst.size() + " dead letters to " + out);
        }
        return ExitCodes.OK;
    }

    private static Instant receivedAt(DeadLetter letter) {
        Instant published = letter.message().timestamp();
        return published != null ? published : letter.death().firstDeath() != null ? letter.death().firstDeath()
                : Instant.EPOCH;
    }
}
