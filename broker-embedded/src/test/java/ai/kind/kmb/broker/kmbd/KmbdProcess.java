package ai.kind.kmb.broker.kmbd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kmbd in a child JVM on this test's class path, read the way an operator or a script would. */
final class KmbdProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("kmbd listening on (\\S+)");
    private static final Pattern DATA = Pattern.compile("kmbd data in (.+)");

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private KmbdProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout failed: " + e.getMessage() + ")");
            }
        });
    }

    static KmbdProcess start(Path logDir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Kmbd.class.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logDir);
            Path log = Files.createTempFile(logDir, "kmbd-", ".log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new KmbdProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line on standard output, or an error with the process's log if none comes. */
    String nextLine() {
        try {
            String line = lines.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("kmbd printed nothing within 30 s; its log:\n" + log());
            }
            return line;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads the two start-up lines and returns the URL it listens on. */
    String awaitListening() {
        String first = nextLine();
        Matcher listening = LISTENING.matcher(first);
        if (!listening.matches()) {
            throw new AssertionError("unexpected first line '" + first + "'; log:\n" + log());
        }
        Matcher data = DATA.matcher(nextLine());
        if (!data.matches()) {
            throw new AssertionError("no data line; log:\n" + log());
        }
        return listening.group(1);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("kmbd did not exit within 60 s; log:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
