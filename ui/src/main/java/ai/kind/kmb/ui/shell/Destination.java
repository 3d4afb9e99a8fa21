package ai.kind.kmb.ui.shell;

import java.util.Objects;

/**
 * A place the navigation can go: one main view of the Studio.
 *
 * @param id          stable, used in settings and by {@code --screenshot} file names ("live", "dlq")
 * @param title       what the navigation rail and the View menu show
 * @param description one line for tooltips
 */
public record Destination(String id, String title, String description) {
    public Destination {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a destination id is lower-case letters, digits and '-', got '" + id + "'");
        }
        description = description == null ? "" : description;
    }
}
