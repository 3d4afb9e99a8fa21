package ai.kind.kmb.cli;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes a durable consumer: stops it and forgets its position and unsettled messages.",
                "Its subscribers are let go; stop them first, or they start it again when they resubscribe."})
final class DurablesDelete implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The durable, as 'durables list' shows it.")
    private String name;

    DurablesDelete(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        boolean deleted;
        try (BusConnection bus = cli.connect()) {
            deleted = bus.durables().delete(name);
        }
        if (!deleted) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no durable named '" + name + "'");
        }
        cli.println(cli.json() ? Views.line(Json.object().put("deleted", name)) : "deleted durable " + name);
        return ExitCodes.OK;
    }
}
