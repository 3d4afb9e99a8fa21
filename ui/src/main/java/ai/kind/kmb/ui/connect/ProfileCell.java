package ai.kind.kmb.ui.connect;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;

/** A profile in the list: its name, and on a second, quieter line where it points. */
final class ProfileCell extends ListCell<ConnectionProfile> {
    private final Label name = new Label();
    private final Label where = new Label();
    private final VBox lines = new VBox(2, name, where);

    ProfileCell() {
        name.getStyleClass().add("profile-name");
        where.getStyleClass().add("pane-hint");
    }

    @Override
    protected void updateItem(ConnectionProfile profile, boolean empty) {
        super.updateItem(profile, empty);
        if (empty || profile == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        name.setText(profile.name());
        where.setText(profile.isEmbedded() ? "in this process, on 127.0.0.1" : profile.url());
        setText(null);
        setGraphic(lines);
    }
}
