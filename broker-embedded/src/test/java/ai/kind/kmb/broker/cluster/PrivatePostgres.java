package ai.kind.kmb.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb, then pg_ctl) on a free port in a temporary
 * directory, with trust authentication and the durable defaults ({@code fsync} and
 * {@code synchronous_commit} on). PostgreSQL refuses to run as root, so as root the commands run as
 * the {@code postgres} user, who is given the directory.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port = PrivateServer.freePort();
    private final boolean root = "root".equals(System.getProperty("user.name"));
    private boolean running;

    PrivatePostgres(Path dir) {
        this.bin = PrivateServer.requireBinary(newestBin().resolve("pg_ctl"), "PostgreSQL's pg_ctl").getParent();
        this.data = dir.resolve("pgdata");
        this.log = dir.resolve("postgres.log");
        if (root) {
            giveToPostgres(dir);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"));
        start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1", "start"));
        running = true;
        PrivateServer.awaitListening(port, Duration.ofSeconds(30));
    }

    /** Stop mode immediate: the server quits without a checkpoint, as in a crash, and recovers from WAL on start. */
    void crash() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        running = false;
    }

    @Override
    public void close() {
        if (running) {
            crash();
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        PrivateServer.run(log.resolveSibling("commands.log"), full);
    }

    private static Path newestBin() {
        if (!Files.isDirectory(VERSIONS)) {
            return VERSIONS.resolve("none").resolve("bin");
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(version -> version.resolve("bin")).filter(Files::isDirectory)
                    .max(Comparator.comparing(Path::toString)).orElse(VERSIONS.resolve("none").resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void giveToPostgres(Path dir) {
        try {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + dir + " to the postgres user", e);
        }
    }
}
