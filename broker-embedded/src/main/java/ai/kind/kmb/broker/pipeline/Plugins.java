package ai.kind.kmb.broker.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interceptor plugins: each {@code *.jar} in a directory gets its own class loader (the broker's
 * classes as parent) and is searched with {@link ServiceLoader} for {@link Interceptor}s. A jar
 * that cannot be read, names no interceptor, or whose interceptor cannot be made is reported with
 * its file name and left out whole; the other jars load. Closing closes the class loaders.
 */
public final class Plugins implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    /** A jar left out, and why. */
    public record Problem(Path jar, String reason) {
        @Override
        public String toString() {
            return jar.getFileName() + ": " + reason;
        }
    }

    private final List<Interceptor> interceptors;
    private final List<Problem> problems;
    private final List<URLClassLoader> loaders;

    private Plugins(List<Interceptor> interceptors, List<Problem> problems, List<URLClassLoader> loaders) {
        this.interceptors = List.copyOf(interceptors);
        this.problems = List.copyOf(problems);
        this.loaders = List.copyOf(loaders);
    }

    /** Loads every jar in {@code directory}, in file-name order. */
    public static Plugins load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("plugins directory " + directory + " is not a directory");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins directory " + directory, e);
        }
        List<Interceptor> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        for (Path jar : jars) {
            String unreadable = unreadable(jar);
            if (unreadable != null) {
                problems.add(new Problem(jar, unreadable));
                continue;
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {url(jar)}, Interceptor.class.getClassLoader());
            try {
                List<Interceptor> fromJar = interceptorsIn(loader);
                if (fromJar.isEmpty()) {
                    problems.add(new Problem(jar, "names no " + Interceptor.class.getName()
                            + " in META-INF/services"));
                    close(loader);
                } else {
                    found.addAll(fromJar);
                    loaders.add(loader);
                }
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add(new Problem(jar, "cannot load its interceptor: " + e));
                close(loader);
            }
        }
        problems.forEach(problem -> LOG.error("plugin jar left out: {}", problem));
        return new Plugins(found, problems, loaders);
    }

    /** Only the jar's own providers: the parent's would otherwise be found once per jar. */
    private static List<Interceptor> interceptorsIn(URLClassLoader loader) {
        return ServiceLoader.load(Interceptor.class, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader)
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    private static String unreadable(Path jar) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return null;
        } catch (IOException e) {
            return "not a readable jar: " + e.getMessage();
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("no URL for " + jar, e);
        }
    }

    public List<Interceptor> interceptors() {
        return interceptors;
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * Adds each interceptor's publish hooks as steps in their stages and its delivery hook to the
     * delivery interceptors, in load order.
     */
    public void install(PublishPipeline pipeline, DeliveryHooks deliveries) {
        for (Interceptor interceptor : interceptors) {
            pipeline.add(PublishStage.BEFORE_VALIDATION, new InterceptorStep(interceptor, PublishStage.BEFORE_VALIDATION));
            pipeline.add(PublishStage.AFTER_VALIDATION, new InterceptorStep(interceptor, PublishStage.AFTER_VALIDATION));
            deliveries.add(new InterceptorDelivery(interceptor));
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("closing a plugin class loader failed", e);
        }
    }

    @Override
    public void close() {
        loaders.forEach(Plugins::close);
    }
}
