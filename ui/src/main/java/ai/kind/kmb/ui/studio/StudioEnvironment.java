package ai.kind.kmb.ui.studio;

import ai.kind.kmb.ui.connect.Connector;
import ai.kind.kmb.ui.connect.EmbeddedRun;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.support.UiExecutors;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything the Studio's views need from the outside, handed in by the app (or a test).
 *
 * @param connector       opens connections for profiles; only the app knows the embedded broker
 * @param configDirectory settings and saved profiles
 * @param limits          the display buffers' bounds
 * @param notice          a standing remark for the status bar (a port fallback), or null
 * @param localUrl        where agents on this machine reach the embedded broker, or null when none listens
 * @param embeddedRun     what the embedded broker of this run uses, beside its saved settings
 */
public record StudioEnvironment(Connector connector, Path configDirectory, FeedLimits limits, Clock clock,
                                UiExecutors executors, String notice, String localUrl, EmbeddedRun embeddedRun) {
}
