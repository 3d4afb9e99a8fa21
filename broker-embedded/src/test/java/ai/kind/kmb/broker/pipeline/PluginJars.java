package ai.kind.kmb.broker.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars at test time from Java source, compiled against the test's class path, so the
 * plugin classes exist only inside the jar (as a real plugin's would) and not on the class path.
 */
public final class PluginJars {
    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (fully qualified class name to source) into {@code dir/jarName} and
     * names {@code providers} as interceptors in its service file.
     */
    public static Path build(Path dir, String jarName, Map<String, String> sources, List<String> providers) {
        try {
            Path src = Files.createTempDirectory(dir, "src");
            Path classes = Files.createTempDirectory(dir, "classes");
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path")));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (!sources.isEmpty() && javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("plugin sources did not compile");
            }
            Path jar = dir.resolve(jarName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
                put(out, "META-INF/services/" + Interceptor.class.getName(),
                        String.join("\n", providers).getBytes(StandardCharsets.UTF_8));
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** An interceptor that stamps a header on publish and throws after validation on {@code boom.*}. */
    public static Map<String, String> stampingAndThrowing() {
        return Map.of("plugins.test.Stamp", """
                package plugins.test;

                import ai.kind.kmb.Envelope;
                import ai.kind.kmb.broker.pipeline.DeliveryContext;
                import ai.kind.kmb.broker.pipeline.Interceptor;
                import ai.kind.kmb.broker.pipeline.StepOutcome;
                import java.util.LinkedHashMap;
                import java.util.Map;

                public class Stamp implements Interceptor {
                    @Override
                    public String name() {
                        return "stamp";
                    }

                    @Override
                    public StepOutcome beforeValidation(Envelope message) {
                        Map<String, String> headers = new LinkedHashMap<>(message.metadata().headers());
                        headers.put("stamped", "yes");
                        return new StepOutcome.Continue(message.withMetadata(message.metadata().withHeaders(headers)));
                    }

                    @Override
                    public StepOutcome afterValidation(Envelope message) {
                        if (message.topic().startsWith("boom.")) {
                            throw new IllegalStateException("plugin exploded on " + message.topic());
                        }
                        return new StepOutcome.Continue(message);
                    }

                    @Override
                    public Envelope onDelivery(DeliveryContext context, Envelope message) {
                        if (message.topic().startsWith("fragile.")) {
                            throw new IllegalStateException("delivery hook exploded");
                        }
                        return message;
                    }
                }
                """);
    }
}
