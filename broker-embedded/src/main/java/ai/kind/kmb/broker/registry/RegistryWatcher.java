package ai.kind.kmb.broker.registry;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the registry when a file in its directory, or in a directory directly below it (such
 * as {@code schemas/}), changes. Events are gathered for a short quiet period first, so an editor
 * writing a file in several steps causes one reload. One virtual thread waits on the watch
 * service; closing the watcher ends it.
 */
final class RegistryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWatcher.class);
    private static final long QUIET_MILLIS = 150;

    private final TopicRegistry registry;
    private final WatchService watcher;
    private final Thread thread;

    private RegistryWatcher(TopicRegistry registry, WatchService watcher) {
        this.registry = registry;
        this.watcher = watcher;
        this.thread = Thread.ofVirtual().name("kmb-registry-watcher").unstarted(this::run);
    }

    static RegistryWatcher start(TopicRegistry registry) throws IOException {
        Path directory = registry.directory();
        WatchService service = directory.getFileSystem().newWatchService();
        RegistryWatcher watcher = new RegistryWatcher(registry, service);
        watcher.register(directory);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path child : children) {
                watcher.register(child);
            }
        }
        watcher.thread.start();
        return watcher;
    }

    private void register(Path directory) throws IOException {
        directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void run() {
        try {
            while (true) {
                drain(watcher.take());
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                registry.reload();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.debug("registry watcher stopped");
        } catch (RuntimeException e) {
            LOG.error("registry watcher failed; the registry no longer reloads on change", e);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("could not close the registry watcher", e);
        }
    }
}
